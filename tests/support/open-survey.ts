import type { Db } from '../../src/db/client.ts';
import { addParticipant } from '../../src/services/add-participant.ts';
import { createRelationship } from '../../src/services/create-relationship.ts';
import { createWave } from '../../src/services/create-wave.ts';
import { ensureDefaultWorkspace } from '../../src/services/ensure-default-workspace.ts';
import { type IssuedSurveyLink, issueSurveyLinks } from '../../src/services/issue-survey-links.ts';
import { openWave } from '../../src/services/open-wave.ts';

let created = 0;

export type OpenSurvey = { workspaceId: string; relationshipId: string; links: IssuedSurveyLink[] };

/**
 * A relationship with `people` participants (staff, sides in turn) and an open wave "Baseline" on
 * the built-in instrument, each with a link: a survey ready to be answered.
 */
export async function createOpenSurvey(
  db: Db,
  options: { people?: Array<{ name: string; email: string }>; baseUrl?: string } = {},
): Promise<OpenSurvey> {
  const workspaceId = (await ensureDefaultWorkspace(db)).id;
  const today = new Date().toISOString().slice(0, 10);
  const closes = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const relationship = await createRelationship(db, workspaceId, {
    name: `Northwind and Contoso ${++created}`,
    sides: {
      A: { name: 'Northwind Utilities', role: 'customer' },
      B: { name: 'Contoso IT', role: 'supplier' },
    },
    anonymityThreshold: 3,
  });
  const people = options.people ?? [
    { name: 'Person 0', email: 'p0@example.com' },
    { name: 'Person 1', email: 'p1@example.com' },
  ];
  for (const [i, person] of people.entries()) {
    await addParticipant(db, workspaceId, relationship.id, {
      ...person,
      side: i % 2 === 0 ? 'A' : 'B',
      level: 'staff',
    });
  }
  await createWave(db, workspaceId, relationship.id, { label: 'Baseline', opens: today, closes });
  await openWave(db, workspaceId, relationship.id, 'Baseline');
  const links = await issueSurveyLinks(db, workspaceId, relationship.id, 'Baseline', {
    baseUrl: options.baseUrl ?? 'https://trustloop.test',
  });
  return { workspaceId, relationshipId: relationship.id, links };
}
