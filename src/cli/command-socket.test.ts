import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { makeTempFolder } from '../../tests/support/temp-folder.ts';
import { commandSocketPath } from './command-socket-client.ts';

// The command line while `trustloop serve` runs on the embedded store (issue 8, item 12; decision
// 048): real processes through bin/trustloop.js. A command typed in another folder is run by the
// server on its open store, with its files found from where it was typed; what it wrote is in the
// store once the server has stopped; a server killed with SIGKILL leaves nothing in the way.

const bin = new URL('../../bin/trustloop.js', import.meta.url).pathname;
const run = promisify(execFile);
const servers: ChildProcess[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) server.kill('SIGKILL');
});

type Ran = { code: number; stdout: string; stderr: string };

async function trustloop(env: NodeJS.ProcessEnv, cwd: string, ...argv: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...argv], { env, cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** `trustloop serve --api-only` on the folder, once it says where it serves. */
async function serve(env: NodeJS.ProcessEnv): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--api-only', '--port', '0'], {
    env: { ...env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  let printed = '';
  const url = await new Promise<string>((done, fail) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      printed += chunk;
      const match = /serving (http:\/\/\S+)/.exec(printed);
      if (match) done(match[1]!);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      printed += chunk;
    });
    child.once('exit', (code) => fail(new Error(`serve ended (${code}): ${printed}`)));
  });
  return { process: child, url };
}

const stopped = (child: ChildProcess) => new Promise((done) => child.once('exit', done));

describe('the command line while the server runs on the embedded store', () => {
  test('commands are run by the server, from the folder they were typed in', async () => {
    const data = join(makeTempFolder(), 'data');
    const env = { ...process.env, TRUSTLOOP_DATA: data, DATABASE_URL: '' };
    const elsewhere = makeTempFolder({
      'people.csv':
        'name;email;side;level\nAda Obi;ada@fabrikam.example;Fabrikam;staff\nBo Li;bo@tailspin.example;B;leadership\n',
    });
    const server = await serve(env);
    const socket = commandSocketPath(data);
    expect(statSync(socket).mode & 0o777).toBe(0o600);

    const created = await trustloop(
      env,
      elsewhere,
      'relationship',
      'create',
      'Fabrikam and Tailspin',
      '--side-a',
      'Fabrikam',
      '--side-b',
      'Tailspin Toys',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const id = created.stdout.trim().split('\n').at(-1)!;
    expect(created.stdout).toMatch(/^Created "Fabrikam and Tailspin" \(Fabrikam \/ Tailspin Toys/);

    // A file named relative to the folder the command was typed in, not the server's.
    const imported = await trustloop(env, elsewhere, 'participants', 'import', id, 'people.csv');
    expect(imported).toMatchObject({
      code: 0,
      stdout: 'Added 2 participants; the relationship now has 2.\n',
    });
    const missing = await trustloop(env, elsewhere, 'participants', 'import', id, 'nobody.csv');
    expect(missing).toMatchObject({ code: 2, stdout: '', stderr: 'trustloop: nobody.csv: no such file\n' });

    const wave = await trustloop(
      env,
      elsewhere,
      'wave',
      'create',
      id,
      'Baseline',
      '--opens',
      '2026-12-01',
      '--closes',
      '2026-12-31',
    );
    expect(wave.code, wave.stderr).toBe(0);
    const exported = await trustloop(env, elsewhere, 'export', id, 'bundle');
    expect(exported.code, exported.stderr).toBe(0);
    expect(readdirSync(join(elsewhere, 'bundle'))).toContain('relationship.json');

    // Errors keep their message and exit code; the server keeps serving.
    const unknown = await trustloop(env, elsewhere, 'analyze', 'Nonexistent');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toBe('trustloop: relationship "Nonexistent" not found (see `trustloop list`)\n');
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);

    // A second server on the same folder is refused.
    const second = await trustloop(env, elsewhere, 'serve', '--api-only', '--port', '0');
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/in use by another trustloop process/);

    const listed = await trustloop(env, elsewhere, 'list', '--json');
    expect(JSON.parse(listed.stdout).relationships.map((r: { name: string }) => r.name)).toEqual([
      'Fabrikam and Tailspin',
    ]);

    // Stopped: the socket is gone, and the command line opens the store itself and finds it all.
    server.process.kill('SIGTERM');
    await stopped(server.process);
    expect(existsSync(socket)).toBe(false);
    const after = await trustloop(env, elsewhere, 'list');
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/Fabrikam and Tailspin/);
    expect(after.stdout).toMatch(/1 wave, latest Baseline/);
  }, 120_000);

  test('a server killed with SIGKILL leaves a socket file that is no longer in the way', async () => {
    const data = join(makeTempFolder(), 'data');
    const env = { ...process.env, TRUSTLOOP_DATA: data, DATABASE_URL: '' };
    const server = await serve(env);
    server.process.kill('SIGKILL');
    await stopped(server.process);
    expect(existsSync(commandSocketPath(data))).toBe(true);
    const listed = await trustloop(env, makeTempFolder(), 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ relationships: [] });
    // And a new server takes the folder over.
    const again = await serve(env);
    const created = await trustloop(
      env,
      makeTempFolder(),
      'relationship',
      'create',
      'A and B',
      '--side-a',
      'A',
      '--side-b',
      'B',
    );
    expect(created.code, created.stderr).toBe(0);
    again.process.kill('SIGTERM');
    await stopped(again.process);
  }, 120_000);
});
