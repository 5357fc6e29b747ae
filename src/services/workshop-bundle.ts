import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  charterVersions,
  smallBigThings,
  workshopCommitments,
  workshopSteps,
  workshops,
  workshopThemes,
  workstreams,
} from '../db/schema.ts';
import type { BundleWorkshop } from '../domain/bundle/share-and-act-file.ts';
import { SIDES } from '../domain/model.ts';
import { joinCodeFrom, STEP_LABELS, tallyVotes } from '../domain/workshop.ts';
import type { WorkshopCommitment } from './commit-workshop-theme.ts';
import type { Tx } from './lock-relationship.ts';
import { themesWithVotes, type WorkshopSummary } from './workshop-view.ts';

// Ended workshops in share-and-act.json (issue 10, item 6): what a bundle carries is the summary
// saved when the workshop ended — the agenda, the notes as the room saw them (side, and the level
// only where it was shown), the themes, the dots per side, what was committed — with each
// commitment linked to the workstream, small big thing or charter version it made. Attendees,
// ballots and unrevealed notes never leave the store. An imported workshop is an ended one whose
// pages show that summary, exactly as a workshop run here shows its own.

/** The relationship's ended workshops on these waves (id → label), as the bundle writes them. */
export async function loadBundleWorkshops(
  db: Db,
  relationshipId: string,
  waveLabels: ReadonlyMap<string, string>,
): Promise<BundleWorkshop[]> {
  const rows = (
    await db
      .select()
      .from(workshops)
      .where(and(eq(workshops.relationshipId, relationshipId), eq(workshops.status, 'ended')))
      .orderBy(asc(workshops.endedAt), asc(workshops.createdAt))
  ).filter((row) => waveLabels.has(row.waveId) && row.summary !== null);
  if (rows.length === 0) return [];
  const links = await db
    .select({
      id: workshopCommitments.id,
      workstream: workstreams.ref,
      smallBigThing: smallBigThings.text,
      charterVersion: charterVersions.version,
    })
    .from(workshopCommitments)
    .leftJoin(workstreams, eq(workstreams.id, workshopCommitments.workstreamId))
    .leftJoin(smallBigThings, eq(smallBigThings.id, workshopCommitments.smallBigThingId))
    .leftJoin(charterVersions, eq(charterVersions.id, workshopCommitments.charterVersionId))
    .where(
      inArray(
        workshopCommitments.workshopId,
        rows.map((row) => row.id),
      ),
    );
  const linkOf = new Map(links.map((link) => [link.id, link]));
  return rows.map((row) => {
    const summary = row.summary as WorkshopSummary;
    const themeRef = new Map(summary.themes.map((theme, i) => [theme.id, `T-${i + 1}`]));
    const noteTheme = new Map(
      summary.themes.flatMap((theme) => theme.noteIds.map((noteId) => [noteId, themeRef.get(theme.id)!])),
    );
    return {
      title: summary.title,
      wave: waveLabels.get(row.waveId)!,
      dots: row.dots,
      startedAt: summary.startedAt,
      endedAt: summary.endedAt,
      joined: summary.joined,
      themes: summary.themes.map((theme) => ({ ref: themeRef.get(theme.id)!, title: theme.title })),
      agenda: summary.agenda.map((step) => ({
        kind: step.kind,
        prompt: step.prompt,
        notes: step.notes.map((note) => ({
          text: note.text,
          side: note.side,
          level: note.level,
          signedAs: note.signedAs,
          theme: noteTheme.get(note.id) ?? null,
        })),
        // In the themes' order, not the tally's (most dots first): the file says what was cast.
        votes:
          step.tally === null
            ? null
            : summary.themes.flatMap((theme) => {
                const entry = step.tally!.find((row) => row.themeId === theme.id);
                return entry
                  ? [{ theme: themeRef.get(theme.id)!, A: entry.bySide.A, B: entry.bySide.B }]
                  : [];
              }),
      })),
      commitments: summary.commitments.map((c) => {
        const link = linkOf.get(c.id);
        return {
          kind: c.kind,
          text: c.text,
          theme: c.themeId ? (themeRef.get(c.themeId) ?? null) : null,
          workstream: c.kind === 'workstream' ? (link?.workstream ?? null) : null,
          smallBigThing: c.kind === 'small-big-thing' ? (link?.smallBigThing ?? null) : null,
          charterVersion: c.kind === 'charter-principle' ? (link?.charterVersion ?? null) : null,
        };
      }),
    };
  });
}

/** What a de-identified bundle keeps of a workshop: everything but the names people signed with. */
export function unsignWorkshop(workshop: BundleWorkshop): BundleWorkshop {
  return {
    ...workshop,
    agenda: workshop.agenda.map((step) => ({
      ...step,
      notes: step.notes.map((note) => ({ ...note, signedAs: null })),
    })),
  };
}

/**
 * Writes a bundle's ended workshops in the import's transaction: the workshop, its steps, themes
 * and commitments as rows (the pages list and link them), and its summary rebuilt with the new
 * rows' ids. The links go to what the same import just wrote.
 */
export async function writeBundleWorkshops(
  tx: Tx,
  relationshipId: string,
  list: readonly BundleWorkshop[],
  ids: {
    waves: ReadonlyMap<string, string>;
    workstreams: ReadonlyMap<string, string>;
    smallBigThings: ReadonlyMap<string, string>;
    charterVersions: ReadonlyMap<number, string>;
  },
  context: { relationship: string; sides: WorkshopSummary['sides'] },
): Promise<void> {
  for (const w of list) {
    const endedAt = new Date(w.endedAt);
    const [row] = await tx
      .insert(workshops)
      .values({
        relationshipId,
        waveId: ids.waves.get(w.wave)!,
        title: w.title,
        code: joinCodeFrom(randomBytes(16)),
        status: 'ended',
        dots: w.dots,
        startedAt: w.startedAt === null ? null : new Date(w.startedAt),
        endedAt,
        createdBy: 'import',
      })
      .returning({ id: workshops.id });
    const workshopId = row!.id;
    await tx.insert(workshopSteps).values(
      w.agenda.map((step, position) => ({
        workshopId,
        position,
        kind: step.kind,
        prompt: step.prompt,
        revealedAt: step.notes.length > 0 || step.votes !== null ? endedAt : null,
      })),
    );
    const themeRows =
      w.themes.length === 0
        ? []
        : await tx
            .insert(workshopThemes)
            .values(w.themes.map((theme, position) => ({ workshopId, title: theme.title, position })))
            .returning({ id: workshopThemes.id, position: workshopThemes.position });
    const themeId = new Map(themeRows.map((theme) => [w.themes[theme.position]!.ref, theme.id] as const));
    const themeOf = (ref: string | null) => (ref === null ? null : (themeId.get(ref) ?? null));
    const commitmentRows =
      w.commitments.length === 0
        ? []
        : await tx
            .insert(workshopCommitments)
            .values(
              w.commitments.map((c, i) => ({
                workshopId,
                // The file's order is the order they were made in.
                createdAt: sql`now() + ${i}::int * interval '1 millisecond'`,
                themeId: themeOf(c.theme),
                kind: c.kind,
                text: c.text,
                workstreamId: c.workstream === null ? null : (ids.workstreams.get(c.workstream) ?? null),
                smallBigThingId:
                  c.smallBigThing === null ? null : (ids.smallBigThings.get(c.smallBigThing) ?? null),
                charterVersionId:
                  c.charterVersion === null ? null : (ids.charterVersions.get(c.charterVersion) ?? null),
              })),
            )
            .returning({ id: workshopCommitments.id, createdAt: workshopCommitments.createdAt });
    const summary = summaryOf(w, context, {
      themeId,
      commitmentIds: commitmentRows
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((c) => c.id),
    });
    await tx.update(workshops).set({ summary }).where(eq(workshops.id, workshopId));
  }
}

/** The saved summary of a bundle's workshop, with the ids of the rows written for it. */
function summaryOf(
  w: BundleWorkshop,
  context: { relationship: string; sides: WorkshopSummary['sides'] },
  rows: { themeId: ReadonlyMap<string, string>; commitmentIds: readonly string[] },
): WorkshopSummary {
  const noteIds = new Map<string, string[]>();
  const agenda = w.agenda.map((step) => ({
    kind: step.kind,
    label: STEP_LABELS[step.kind],
    prompt: step.prompt,
    notes: step.notes.map((note) => {
      const id = randomUUID();
      if (note.theme !== null) noteIds.set(note.theme, [...(noteIds.get(note.theme) ?? []), id]);
      return { id, text: note.text, side: note.side, level: note.level, signedAs: note.signedAs };
    }),
    tally:
      step.votes === null
        ? null
        : tallyVotes(
            w.themes.map((theme) => rows.themeId.get(theme.ref)!),
            step.votes.flatMap((vote) =>
              SIDES.map((side) => ({ themeId: rows.themeId.get(vote.theme)!, side, dots: vote[side] })),
            ),
          ).filter((entry) => step.votes!.some((vote) => rows.themeId.get(vote.theme) === entry.themeId)),
  }));
  const commitments: WorkshopCommitment[] = w.commitments.map((c, i) => ({
    id: rows.commitmentIds[i]!,
    themeId: c.theme === null ? null : (rows.themeId.get(c.theme) ?? null),
    kind: c.kind,
    text: c.text,
    reference:
      c.workstream ??
      (c.charterVersion !== null
        ? `charter version ${c.charterVersion}`
        : (c.smallBigThing ?? 'removed since')),
  }));
  return {
    title: w.title,
    relationship: context.relationship,
    sides: context.sides,
    wave: w.wave,
    startedAt: w.startedAt,
    endedAt: w.endedAt,
    joined: w.joined,
    agenda,
    themes: themesWithVotes(
      w.themes.map((theme) => ({
        id: rows.themeId.get(theme.ref)!,
        title: theme.title,
        noteIds: noteIds.get(theme.ref) ?? [],
      })),
      agenda,
    ),
    commitments,
  };
}
