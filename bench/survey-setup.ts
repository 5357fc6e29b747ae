import type { Database } from '../src/db/client.ts';
import { createRelationship } from '../src/services/create-relationship.ts';
import { createWave } from '../src/services/create-wave.ts';
import { ensureDefaultWorkspace } from '../src/services/ensure-default-workspace.ts';
import { importParticipantsCsv } from '../src/services/import-participants-csv.ts';
import { issueSurveyLinks } from '../src/services/issue-survey-links.ts';
import { openWave } from '../src/services/open-wave.ts';

// The survey benchmarks' workload, set up through the services as a facilitator would: one
// relationship, `participantCount` participants from one CSV, an open wave on the built-in
// instrument and a link for everyone. Returns the links' tokens.

export async function setUpRelationship(
  database: Database,
  participantCount: number,
  origin: string,
): Promise<string[]> {
  const { db } = database;
  const workspace = await ensureDefaultWorkspace(db);
  const relationship = await createRelationship(db, workspace.id, {
    name: 'Bench supplier and customer',
    sides: { A: { name: 'Northwind Components' }, B: { name: 'Contoso Assembly' } },
  });
  const levels = ['leadership', 'operational', 'staff'] as const;
  const rows = Array.from({ length: participantCount }, (_, i) => {
    const side = i % 2 === 0 ? 'A' : 'B';
    return `Participant ${i},p${i}@bench.example,${side},${levels[i % 3]}`;
  });
  await importParticipantsCsv(
    db,
    workspace.id,
    relationship.id,
    `name,email,side,level\n${rows.join('\n')}\n`,
  );
  const today = new Date().toISOString().slice(0, 10);
  const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await createWave(db, workspace.id, relationship.id, { label: 'bench', opens: today, closes });
  await openWave(db, workspace.id, relationship.id, 'bench');
  const links = await issueSurveyLinks(db, workspace.id, relationship.id, 'bench', { baseUrl: origin });
  return links.map((link) => {
    const token = link.url.split('/s/')[1];
    if (!token) throw new Error(`a link without a token: ${link.url}`);
    return token;
  });
}
