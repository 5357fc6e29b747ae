import type { Db } from '../db/client.ts';
import {
  type ExtractInterviewIncidentInput,
  ExtractInterviewIncidentSchema,
} from '../domain/interview-input.ts';
import { otherSide } from '../domain/model.ts';
import { parseInput } from '../domain/parse-input.ts';
import { type CreatedIncident, createIncident } from './create-incident.ts';
import { findInterview } from './find-interview.ts';
import { findRelationship } from './find-relationship.ts';
import { locatePassage } from './locate-passage.ts';

/**
 * Turns a passage of an interview into a critical incident linked to its source: source
 * 'interview', the interview's id and the passage as it stands in the saved text. The reporter is
 * the interviewee's side and level (never their name); the narrative is the passage unless the
 * facilitator wrote one. Both sides and the interviewee's level are taken as involved, a first
 * guess the facilitator refines with the rest of the coding in the incident workbench.
 */
export async function extractInterviewIncident(
  db: Db,
  workspaceId: string,
  relationship: string,
  interviewRef: string,
  input: ExtractInterviewIncidentInput,
  options: { codedBy?: string } = {},
): Promise<CreatedIncident> {
  const data = parseInput(ExtractInterviewIncidentSchema, input);
  const found = await findRelationship(db, workspaceId, relationship);
  const interview = await findInterview(db, found.id, interviewRef);
  const passage = locatePassage(interview, data.passage);
  // The relationship found above is passed on as it is: createIncident does not look it up again.
  return createIncident(
    db,
    workspaceId,
    found,
    {
      occurredOn: data.occurredOn,
      title: data.title,
      narrative: data.narrative || passage.text,
      reporterSide: interview.side,
      reporterLevel: interview.level,
      sidesInvolved: [interview.side, otherSide(interview.side)],
      levelsInvolved: [interview.level],
      direction: data.direction,
      strength: data.strength,
      dimensions: data.dimensions,
      themes: [],
      source: 'interview',
      interviewId: interview.id,
      sourcePassage: passage.text,
    },
    options,
  );
}
