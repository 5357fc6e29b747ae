import type { Db } from '../db/client.ts';
import { AppError } from '../domain/app-error.ts';
import { BUILT_IN_INSTRUMENT } from '../domain/built-in-instrument.ts';
import { toCanonicalJson } from '../domain/canonical-json.ts';
import type { Bundle } from '../domain/model.ts';
import {
  loadIncidents,
  loadInterviews,
  loadParticipants,
  loadRelationship,
  loadResponses,
} from './load-relationship.ts';

/** Reads a relationship back into a bundle that imports to the same analysis. */
export async function exportBundle(db: Db, workspaceId: string, reference: string): Promise<Bundle> {
  const relationship = await loadRelationship(db, workspaceId, reference);
  const instrumentIds = new Set(relationship.waves.map((wave) => wave.instrumentId));
  if (instrumentIds.size > 1) {
    throw new AppError(
      'conflict',
      `relationship "${relationship.name}" uses ${instrumentIds.size} instrument versions across its waves; a bundle holds one instrument`,
    );
  }
  const instrument = relationship.waves[0]?.instrument ?? BUILT_IN_INSTRUMENT;
  const [responses, participants, incidents, interviews] = await Promise.all([
    loadResponses(db, relationship.waves),
    loadParticipants(db, relationship.id),
    loadIncidents(db, relationship.id),
    loadInterviews(db, relationship.id),
  ]);
  const answered = new Set(responses.map((r) => r.respondent));
  return {
    relationship: {
      name: relationship.name,
      anonymityThreshold: relationship.anonymityThreshold,
      sides: relationship.sides,
      waves: relationship.waves.map(({ label, opens, closes }) => ({ label, opens, closes })),
    },
    instrument,
    hasCustomInstrument: toCanonicalJson(instrument) !== toCanonicalJson(BUILT_IN_INSTRUMENT),
    responses,
    // A participant known only by the key of their responses needs no row of their own.
    participants: participants.filter((p) => p.name || p.email || p.role || !answered.has(p.respondent)),
    incidents,
    interviews,
  };
}
