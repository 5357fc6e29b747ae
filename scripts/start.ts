import { runCli } from '../src/cli/main.ts';
import { ensureWebBuild } from './ensure-web-build.ts';

// `npm start`: build the web app if its sources changed, then `trustloop serve --demo-if-empty`
// (and any options given after `npm start --`), in one process so the first page comes sooner.
ensureWebBuild();
const code = await runCli(['serve', '--demo-if-empty', ...process.argv.slice(2)]);
if (code !== 0) process.exit(code);
