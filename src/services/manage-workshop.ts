import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { waves, workshopNotes, workshopSteps, workshops, workshopVotes } from '../db/schema.ts';
import { AppError } from '../domain/app-error.ts';
import { forbiddenCharacterProblem } from '../domain/control-characters.ts';
import { invalidFields, parseInput } from '../domain/parse-input.ts';
import { NAME_MAX } from '../domain/text-limits.ts';
import {
  AGENDA_MAX,
  DOTS_DEFAULT,
  DOTS_MAX,
  DOTS_MIN,
  defaultAgenda,
  joinCodeFrom,
  PROMPT_MAX,
  STEP_KINDS,
  STEP_LABELS,
} from '../domain/workshop.ts';
import { findRelationship } from './find-relationship.ts';
import { loadJointRelease } from './load-joint-release.ts';
import type { Tx } from './lock-relationship.ts';
import { appendWorkshopEvent } from './workshop-events.ts';
import {
  findStep,
  findWorkshop,
  loadSteps,
  lockWorkshop,
  requireLive,
  workshopById,
} from './workshop-rows.ts';
import { buildWorkshopSummary } from './workshop-view.ts';

// The facilitator's side of a workshop (issue 10): create it on a wave's joint release, set its
// agenda, start it, move the room from step to step, show one finding at a time, run a timer, and
// end it (which saves its summary). Every change is one transaction with its event (decision 049).

const StepInput = z.strictObject({
  /** An existing step keeps its notes and votes; a step without an id is new. */
  id: z.string().trim().min(1).optional(),
  kind: z.enum(STEP_KINDS, { message: `choose one of ${STEP_KINDS.join(', ')}` }),
  prompt: z
    .string()
    .trim()
    .max(PROMPT_MAX, `at most ${PROMPT_MAX} characters`)
    .nullable()
    .default(null)
    .transform((prompt) => (prompt === '' ? null : prompt)),
});

const AgendaInput = z
  .array(StepInput)
  .min(1, 'an agenda needs at least one step')
  .max(AGENDA_MAX, `at most ${AGENDA_MAX} steps`);

const CreateInput = z.strictObject({
  wave: z.string().trim().min(1, 'choose the wave whose released findings the workshop discusses'),
  title: z
    .string()
    .trim()
    .min(1, 'give the workshop a title')
    .max(NAME_MAX, `at most ${NAME_MAX} characters`),
  dots: z
    .number()
    .int('a whole number')
    .min(DOTS_MIN, `from ${DOTS_MIN}`)
    .max(DOTS_MAX, `at most ${DOTS_MAX}`)
    .default(DOTS_DEFAULT),
  attendeesGroup: z.boolean().default(false),
  agenda: AgendaInput.optional(),
});

export type CreateWorkshopInput = z.input<typeof CreateInput>;

function checkText(raw: unknown): void {
  const input = raw as { title?: unknown; agenda?: { prompt?: unknown }[] } | null;
  const problems = [];
  if (typeof input?.title === 'string') {
    const problem = forbiddenCharacterProblem('title', input.title, 'single-line');
    if (problem) problems.push(problem);
  }
  for (const [index, step] of (Array.isArray(input?.agenda) ? input.agenda : []).entries()) {
    if (typeof step?.prompt === 'string') {
      const problem = forbiddenCharacterProblem(`agenda.${index}.prompt`, step.prompt, 'single-line');
      if (problem) problems.push(problem);
    }
  }
  if (problems.length > 0) throw invalidFields(problems);
}

/** A new workshop (draft) on a wave whose findings were released to both sides. */
export async function createWorkshop(
  db: Db,
  workspaceId: string,
  relationshipRef: string,
  raw: unknown,
  author: { name: string },
): Promise<{ id: string; code: string }> {
  checkText(raw);
  const input = parseInput(CreateInput, raw, 'workshop');
  const relationship = await findRelationship(db, workspaceId, relationshipRef);
  const [wave] = await db
    .select({ id: waves.id, label: waves.label })
    .from(waves)
    .where(and(eq(waves.relationshipId, relationship.id), eq(waves.label, input.wave)));
  if (!wave) throw new AppError('not-found', `wave "${input.wave}" not found`);
  if (!(await loadJointRelease(db, relationship.id, wave.label))) {
    throw new AppError(
      'conflict',
      `the findings of "${wave.label}" are not released to both sides yet: release them before the workshop`,
    );
  }
  const agenda = input.agenda ?? defaultAgenda();
  for (let attempt = 0; ; attempt++) {
    const code = joinCodeFrom(randomBytes(32));
    try {
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(workshops)
          .values({
            relationshipId: relationship.id,
            waveId: wave.id,
            title: input.title,
            code,
            dots: input.dots,
            attendeesGroup: input.attendeesGroup,
            createdBy: author.name,
          })
          .returning({ id: workshops.id });
        await tx.insert(workshopSteps).values(
          agenda.map((step, position) => ({
            workshopId: row!.id,
            position,
            kind: step.kind,
            prompt: step.prompt,
          })),
        );
        return row!.id;
      });
      return { id, code };
    } catch (error) {
      // Two workshops running with one code: draw another (24^6 codes make this rare).
      if (attempt < 5 && isUniqueViolation(error, 'workshops_code_not_ended')) continue;
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (
    let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505' && (e.constraint === constraint || String(e).includes(constraint))) return true;
  }
  return false;
}

/**
 * Rewrites the agenda: steps in the order given; a step named by its id keeps its notes and votes,
 * one left out is removed (refused when it holds notes or votes, so nothing said is lost).
 */
export async function saveWorkshopAgenda(
  db: Db,
  workspaceId: string,
  workshopId: string,
  raw: unknown,
): Promise<void> {
  checkText({ agenda: raw });
  const steps = parseInput(AgendaInput, raw, 'agenda');
  const workshop = await findWorkshop(db, workspaceId, workshopId);
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    const [fresh] = await tx
      .select({ status: workshops.status })
      .from(workshops)
      .where(eq(workshops.id, workshop.id));
    if (fresh?.status === 'ended')
      throw new AppError('conflict', 'the workshop has ended: its agenda is kept as it ran');
    const existing = await loadSteps(tx, workshop.id);
    const kept = new Set<string>();
    for (const [index, step] of steps.entries()) {
      if (step.id === undefined) continue;
      const found = existing.find((row) => row.id === step.id);
      if (!found)
        throw invalidFields([
          {
            field: `${index}.id`,
            message: 'not a step of this workshop',
            text: `${index}.id: not a step of this workshop`,
          },
        ]);
      if (found.kind !== step.kind) {
        throw invalidFields([
          {
            field: `${index}.kind`,
            message: 'a step keeps its kind; add a new step instead',
            text: `${index}.kind: a step keeps its kind; add a new step instead`,
          },
        ]);
      }
      kept.add(found.id);
    }
    const removed = existing.filter((row) => !kept.has(row.id));
    if (removed.length > 0) {
      const ids = removed.map((row) => row.id);
      const [used] = await tx
        .select({
          notes: sql<number>`(select count(*) from ${workshopNotes} where ${inArray(workshopNotes.stepId, ids)})::int`,
          votes: sql<number>`(select count(*) from ${workshopVotes} where ${inArray(workshopVotes.stepId, ids)})::int`,
        })
        .from(sql`(select 1) as one`);
      if ((used?.notes ?? 0) > 0 || (used?.votes ?? 0) > 0) {
        throw new AppError('conflict', 'a step that holds notes or votes cannot be removed');
      }
      if (removed.some((row) => row.id === workshop.currentStepId)) {
        throw new AppError('conflict', 'the room is on that step: move to another step first');
      }
      await tx.delete(workshopSteps).where(inArray(workshopSteps.id, ids));
    }
    // Positions are rewritten in order (offset first, so no two steps ever share one).
    for (const [position, step] of steps.entries()) {
      if (step.id !== undefined) {
        await tx
          .update(workshopSteps)
          .set({ position: position + AGENDA_MAX + 1, prompt: step.prompt })
          .where(eq(workshopSteps.id, step.id));
      }
    }
    for (const [position, step] of steps.entries()) {
      if (step.id === undefined) {
        await tx
          .insert(workshopSteps)
          .values({ workshopId: workshop.id, position, kind: step.kind, prompt: step.prompt });
      } else {
        await tx.update(workshopSteps).set({ position }).where(eq(workshopSteps.id, step.id));
      }
    }
    await appendWorkshopEvent(tx, workshop.id, 'agenda', { steps: await publicSteps(tx, workshop.id) });
  });
}

/** The agenda as every screen shows it. */
export async function publicSteps(db: Db | Tx, workshopId: string) {
  return (await loadSteps(db, workshopId)).map((step) => ({
    id: step.id,
    kind: step.kind,
    label: STEP_LABELS[step.kind],
    prompt: step.prompt,
    revealed: step.revealedAt !== null,
  }));
}

/** Opens the room: phones can join with the code; the first step is on. */
export async function startWorkshop(db: Db, workspaceId: string, workshopId: string): Promise<void> {
  const workshop = await findWorkshop(db, workspaceId, workshopId);
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    const [fresh] = await tx
      .select({ status: workshops.status })
      .from(workshops)
      .where(eq(workshops.id, workshop.id));
    if (fresh?.status !== 'draft') throw new AppError('conflict', `the workshop is already ${fresh?.status}`);
    const [first] = await loadSteps(tx, workshop.id);
    await tx
      .update(workshops)
      .set({ status: 'live', startedAt: new Date(), currentStepId: first?.id ?? null })
      .where(eq(workshops.id, workshop.id));
    await appendWorkshopEvent(tx, workshop.id, 'status', {
      status: 'live',
      currentStepId: first?.id ?? null,
    });
  });
}

/** Moves the room to a step (any step: steps can be revisited); the timer stops. */
export async function goToStep(
  db: Db,
  workspaceId: string,
  workshopId: string,
  stepId: string,
): Promise<void> {
  const workshop = await findWorkshop(db, workspaceId, workshopId);
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    const step = await findStep(tx, workshop.id, stepId);
    await tx
      .update(workshops)
      .set({ currentStepId: step.id, timerEndsAt: null, presentIndex: 0 })
      .where(eq(workshops.id, workshop.id));
    await appendWorkshopEvent(tx, workshop.id, 'step', {
      currentStepId: step.id,
      presentIndex: 0,
      timerEndsAt: null,
    });
  });
}

/** The finding the projector shows during a present step (0-based, within the release). */
export async function presentFinding(
  db: Db,
  workspaceId: string,
  workshopId: string,
  index: number,
): Promise<void> {
  const workshop = await findWorkshop(db, workspaceId, workshopId);
  const [wave] = await db.select({ label: waves.label }).from(waves).where(eq(waves.id, workshop.waveId));
  const release = await loadJointRelease(db, workshop.relationshipId, wave!.label);
  const count = release?.release.findings.length ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= Math.max(count, 1)) {
    throw new AppError('invalid-input', `finding: choose 1 to ${count}`);
  }
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    await tx.update(workshops).set({ presentIndex: index }).where(eq(workshops.id, workshop.id));
    await appendWorkshopEvent(tx, workshop.id, 'present', { presentIndex: index });
  });
}

/** Starts a timer of `seconds` (1 second to 2 hours) on every screen, or stops it (null). */
export async function setWorkshopTimer(
  db: Db,
  workspaceId: string,
  workshopId: string,
  seconds: number | null,
): Promise<{ endsAt: string | null }> {
  if (seconds !== null && (!Number.isInteger(seconds) || seconds < 1 || seconds > 7200)) {
    throw new AppError('invalid-input', 'timer: a whole number of seconds from 1 to 7200');
  }
  const workshop = await findWorkshop(db, workspaceId, workshopId);
  return db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    const endsAt = seconds === null ? null : new Date(Date.now() + seconds * 1000);
    await tx.update(workshops).set({ timerEndsAt: endsAt }).where(eq(workshops.id, workshop.id));
    const at = endsAt?.toISOString() ?? null;
    await appendWorkshopEvent(tx, workshop.id, 'timer', { timerEndsAt: at });
    return { endsAt: at };
  });
}

/** Ends the workshop: the code stops working and its summary is saved, never changed afterwards. */
export async function endWorkshop(db: Db, workspaceId: string, workshopId: string): Promise<void> {
  const workshop = await findWorkshop(db, workspaceId, workshopId);
  await db.transaction(async (tx) => {
    await lockWorkshop(tx, workshop.id);
    requireLive(await workshopById(tx, workshop.id));
    const endedAt = new Date();
    const summary = await buildWorkshopSummary(tx, workshop.id, endedAt);
    await tx
      .update(workshops)
      .set({ status: 'ended', endedAt, timerEndsAt: null, summary })
      .where(eq(workshops.id, workshop.id));
    await appendWorkshopEvent(tx, workshop.id, 'status', {
      status: 'ended',
      currentStepId: workshop.currentStepId,
    });
  });
}
