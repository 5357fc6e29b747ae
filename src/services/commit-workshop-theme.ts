import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { charterVersions, workshopCommitments, workshopThemes } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { parseInput } from '../domain/parse-input.ts';
import { isUuid } from '../domain/uuid.ts';
import { charterOf, saveCharter } from './charter.ts';
import { todayIso } from './find-wave.ts';
import { saveSmallBigThing } from './save-small-big-thing.ts';
import { createWorkstream, findWorkstreamRow } from './save-workstream.ts';
import { appendWorkshopEvent } from './workshop-events.ts';
import { findWorkshop, lockWorkshop, requireLive, workshopById } from './workshop-rows.ts';

// Commit (issue 10, item 6): in the room, a theme becomes a workstream with an owner on each side,
// a small big thing, or a principle of the charter (a new charter version), with the link kept. The
// thing and its commitment are written in one transaction: both or neither.

const CommitInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('workstream'),
    /** The workstream as `createWorkstream` takes it (owners on both sides, target dimensions…). */
    workstream: z.unknown(),
  }),
  z.strictObject({
    kind: z.literal('small-big-thing'),
    text: z.string(),
    raisedBySide: z.enum(['A', 'B']).nullable().default(null),
  }),
  z.strictObject({ kind: z.literal('charter-principle'), text: z.string() }),
]);

export type WorkshopCommitment = {
  id: string;
  themeId: string | null;
  kind: 'workstream' | 'small-big-thing' | 'charter-principle';
  text: string;
  /** WS-3, the small big thing's id, or "charter version 4". */
  reference: string;
};

export async function commitWorkshopTheme(
  db: Db,
  workspaceId: string,
  workshopId: string,
  themeId: string | null,
  raw: unknown,
  author: { name: string },
): Promise<WorkshopCommitment> {
  const input = parseInput(CommitInput, raw, 'commitment');
  const workshop = await findWorkshop(db, workspaceId, workshopId);
  return db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    let theme: { id: string; title: string } | undefined;
    if (themeId !== null) {
      [theme] = isUuid(themeId)
        ? await tx
            .select({ id: workshopThemes.id, title: workshopThemes.title })
            .from(workshopThemes)
            .where(
              and(eq(workshopThemes.id, themeId.toLowerCase()), eq(workshopThemes.workshopId, workshop.id)),
            )
        : [];
      if (!theme) throw new AppError('not-found', 'theme not found');
    }
    const txDb = tx as unknown as Db;
    let values: {
      workstreamId?: string;
      smallBigThingId?: string;
      charterVersionId?: string;
      text: string;
      reference: string;
    };
    if (input.kind === 'workstream') {
      const { ref } = await createWorkstream(txDb, workspaceId, workshop.relationshipId, input.workstream);
      const row = await findWorkstreamRow(tx, workshop.relationshipId, ref);
      values = { workstreamId: row.id, text: row.title, reference: ref };
    } else if (input.kind === 'small-big-thing') {
      const { id } = await saveSmallBigThing(txDb, workspaceId, workshop.relationshipId, {
        text: input.text,
        raisedOn: todayIso(),
        raisedBySide: input.raisedBySide,
      });
      values = { smallBigThingId: id, text: input.text.trim(), reference: id };
    } else {
      const charter = await charterOf(tx, workshop.relationshipId);
      const latest = charter.versions[0];
      if (!latest)
        throw new AppError('conflict', 'the relationship has no charter yet: write its vision first');
      const principle = input.text.trim();
      const saved = await saveCharter(
        txDb,
        workspaceId,
        workshop.relationshipId,
        {
          vision: latest.vision,
          principles: [...latest.principles, principle],
          behaviours: latest.behaviours,
          commitments: latest.commitments,
          governance: latest.governance,
        },
        author,
      );
      const [version] = await tx
        .select({ id: charterVersions.id })
        .from(charterVersions)
        .where(
          and(
            eq(charterVersions.relationshipId, workshop.relationshipId),
            eq(charterVersions.version, saved.version),
          ),
        );
      values = {
        text: principle,
        reference: `charter version ${saved.version}`,
        charterVersionId: version?.id,
      };
    }
    const [row] = await tx
      .insert(workshopCommitments)
      .values({
        workshopId: workshop.id,
        themeId: theme?.id ?? null,
        kind: input.kind,
        workstreamId: values.workstreamId ?? null,
        smallBigThingId: values.smallBigThingId ?? null,
        charterVersionId: values.charterVersionId ?? null,
        text: values.text,
      })
      .returning({ id: workshopCommitments.id });
    const commitment: WorkshopCommitment = {
      id: row!.id,
      themeId: theme?.id ?? null,
      kind: input.kind,
      text: values.text,
      reference: values.reference,
    };
    await appendWorkshopEvent(tx, workshop.id, 'committed', { commitment });
    return commitment;
  });
}
