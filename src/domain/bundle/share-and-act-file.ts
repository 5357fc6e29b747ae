import { z } from 'zod';
import { LEVELS, SIDES } from '../model.ts';
import {
  ACTION_STATUSES,
  EvidenceReferenceSchema,
  FINDING_CONCERNS,
  FINDING_KINDS,
  RAG_STATUSES,
  RELEASE_KINDS,
  WORKSTREAM_STATUSES,
  WORKSTREAM_TYPES,
} from '../share-and-act.ts';
import { DOTS_MAX, DOTS_MIN, STEP_KINDS } from '../workshop.ts';

// share-and-act.json (docs/formats.md): the other half of the method as a bundle carries it —
// findings with their evidence (reference and snapshot), releases as the copies they are, the
// workstreams with their actions and updates, the small big things and the charter's versions
// with their sign-offs. One JSON file, since evidence and releases nest; problems are reported by
// JSON path. Owners are a participant by the respondent key of participants.csv (a pseudonym in a
// de-identified export) or a sponsor by email (left out of a de-identified export).

export const SHARE_AND_ACT_FILE = 'share-and-act.json';

const text = z.string();
const line = z.string().trim().min(1, 'must not be empty');
const isoDate = z.iso.date({ message: 'expected a real date written YYYY-MM-DD' });
const isoTime = z.iso.datetime({ offset: true, message: 'expected a date and time (ISO 8601)' });
const side = z.enum(SIDES, { message: 'expected A or B' });
const level = z.enum(LEVELS, { message: `expected ${LEVELS.join(', ')}` });
const count = z.number().int().min(0);
const num = z.number();
const orNull = <T extends z.ZodType>(schema: T) => schema.nullable();

const SnapshotSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('cell'),
    n: count,
    mean: num,
    sd: orNull(num),
    rwg: orNull(num),
    index: num,
  }),
  z.strictObject({
    kind: z.literal('side-index'),
    n: count,
    mean: num,
    index: num,
    low: orNull(num),
    high: orNull(num),
  }),
  z.strictObject({ kind: z.literal('gap'), perceived: num, actual: num, gap: num, gapPoints: num }),
  z.strictObject({
    kind: z.literal('change'),
    diff: num,
    ciLow: num,
    ciHigh: num,
    hedgesG: orNull(num),
    nFrom: count,
    nTo: count,
  }),
  z.strictObject({
    kind: z.literal('incident'),
    title: text,
    occurredOn: isoDate,
    direction: z.enum(['builds', 'dilutes']),
    strength: z.number().int().min(1).max(3),
    dimensions: z.array(text),
    reporterSide: side,
    reporterLevel: orNull(level),
  }),
  z.strictObject({ kind: z.literal('quote'), text, side, level }),
  z.strictObject({ kind: z.literal('comment'), question: text, text, side, level: orNull(level) }),
]);

const EvidenceSchema = z
  .strictObject({ reference: EvidenceReferenceSchema, snapshot: SnapshotSchema, label: text })
  .superRefine((value, ctx) => {
    if (value.reference.kind !== value.snapshot.kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['snapshot', 'kind'],
        message: `the snapshot of a ${value.reference.kind} must be of kind ${value.reference.kind}`,
      });
    }
  });

const FindingContentSchema = z.strictObject({
  ref: z.string().regex(/^F-\d{3,}$/, 'expected a ref like F-001'),
  wave: line,
  kind: z.enum(FINDING_KINDS),
  concerns: z.enum(FINDING_CONCERNS),
  title: line,
  body: text,
  version: z.number().int().min(1),
  suggestionKey: orNull(text),
  evidence: z.array(EvidenceSchema).min(1, 'a finding needs at least one piece of evidence'),
});

const FindingSchema = FindingContentSchema.extend({ position: count });

const ReleaseSchema = z
  .strictObject({
    wave: line,
    kind: z.enum(RELEASE_KINDS),
    side: orNull(side),
    releasedBy: text,
    releasedAt: isoTime,
    findings: z.array(FindingContentSchema).min(1, 'a release holds at least one finding'),
  })
  .superRefine((value, ctx) => {
    if ((value.kind === 'joint') !== (value.side === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['side'],
        message:
          value.kind === 'joint' ? 'a joint release has no side (null)' : 'a pre-brief goes to side A or B',
      });
    }
  });

export const BundleOwnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('participant'), respondent: line }),
  z.strictObject({ kind: z.literal('sponsor'), name: text, email: text }),
]);
export type BundleOwner = z.infer<typeof BundleOwnerSchema>;

const WorkstreamSchema = z.strictObject({
  ref: z.string().regex(/^WS-\d+$/, 'expected a ref like WS-1'),
  title: line,
  type: z.enum(WORKSTREAM_TYPES),
  description: text,
  status: z.enum(WORKSTREAM_STATUSES),
  owners: z.strictObject({ A: orNull(BundleOwnerSchema), B: orNull(BundleOwnerSchema) }),
  targetDimensions: z.array(line).min(1),
  startedOn: isoDate,
  findings: z.array(line),
  incidents: z.array(line),
  actions: z.array(
    z.strictObject({
      what: line,
      side,
      owner: orNull(BundleOwnerSchema),
      dueOn: isoDate,
      status: z.enum(ACTION_STATUSES),
      doneOn: orNull(isoDate),
    }),
  ),
  updates: z.array(z.strictObject({ on: isoDate, rag: z.enum(RAG_STATUSES), note: text, by: text })),
});

const SmallBigThingSchema = z.strictObject({
  text: line,
  raisedOn: isoDate,
  raisedBySide: orNull(side),
  ownerSide: orNull(side),
  owner: orNull(BundleOwnerSchema),
  workstream: orNull(line),
  fixedOn: orNull(isoDate),
});

const CharterVersionSchema = z.strictObject({
  version: z.number().int().min(1),
  vision: line,
  principles: z.array(line),
  behaviours: z.array(line),
  commitments: z.strictObject({ A: z.array(line), B: z.array(line) }),
  governance: z.array(line),
  createdBy: text,
  createdAt: isoTime,
  signOffs: z.array(z.strictObject({ side, signedBy: text, signedAt: isoTime })),
});

const themeRef = z.string().regex(/^T-\d+$/, 'expected a theme ref like T-1');

const WorkshopSchema = z.strictObject({
  title: line,
  wave: line,
  dots: z.number().int().min(DOTS_MIN).max(DOTS_MAX),
  startedAt: orNull(isoTime),
  endedAt: isoTime,
  joined: z.strictObject({ A: count, B: count }),
  themes: z.array(z.strictObject({ ref: themeRef, title: line })),
  agenda: z
    .array(
      z.strictObject({
        kind: z.enum(STEP_KINDS),
        prompt: orNull(text),
        notes: z.array(
          z.strictObject({
            text: line,
            side,
            level: orNull(level),
            signedAs: orNull(line),
            theme: orNull(themeRef),
          }),
        ),
        votes: orNull(z.array(z.strictObject({ theme: themeRef, A: count, B: count }))),
      }),
    )
    .min(1, 'a workshop has at least one step'),
  commitments: z.array(
    z.strictObject({
      kind: z.enum(['workstream', 'small-big-thing', 'charter-principle']),
      text: line,
      theme: orNull(themeRef),
      workstream: orNull(line),
      smallBigThing: orNull(line),
      charterVersion: orNull(z.number().int().min(1)),
    }),
  ),
});

export const ShareAndActSchema = z.strictObject({
  findings: z.array(FindingSchema).default([]),
  releases: z.array(ReleaseSchema).default([]),
  workstreams: z.array(WorkstreamSchema).default([]),
  smallBigThings: z.array(SmallBigThingSchema).default([]),
  charter: z.array(CharterVersionSchema).default([]),
  workshops: z.array(WorkshopSchema).default([]),
});

export type BundleShareAndAct = z.output<typeof ShareAndActSchema>;
export type BundleFinding = BundleShareAndAct['findings'][number];
export type BundleWorkstream = BundleShareAndAct['workstreams'][number];
export type BundleWorkshop = BundleShareAndAct['workshops'][number];

export const EMPTY_SHARE_AND_ACT: BundleShareAndAct = {
  findings: [],
  releases: [],
  workstreams: [],
  smallBigThings: [],
  charter: [],
  workshops: [],
};

export function isEmptyShareAndAct(data: BundleShareAndAct): boolean {
  return Object.values(data).every((list) => list.length === 0);
}

/** What the rest of the bundle holds, for the references share-and-act.json makes. */
export type ShareAndActContext = {
  waves: ReadonlySet<string>;
  incidents: ReadonlySet<string>;
  respondents: ReadonlySet<string>;
};

/** Each reference to something the bundle does not hold, by JSON path. */
export function checkShareAndActReferences(
  data: BundleShareAndAct,
  context: ShareAndActContext,
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const wave = (path: string, label: string) => {
    if (!context.waves.has(label)) add(path, `wave "${label}" is not a wave of relationship.json`);
  };
  const owner = (path: string, o: BundleOwner | null) => {
    if (o?.kind === 'participant' && !context.respondents.has(o.respondent)) {
      add(`${path}.respondent`, `respondent "${o.respondent}" is not in participants.csv or responses.csv`);
    }
  };
  const findingRefs = new Set<string>();
  data.findings.forEach((f, i) => {
    wave(`$.findings[${i}].wave`, f.wave);
    if (findingRefs.has(f.ref)) add(`$.findings[${i}].ref`, `finding ${f.ref} is listed twice`);
    findingRefs.add(f.ref);
  });
  data.releases.forEach((r, i) => {
    wave(`$.releases[${i}].wave`, r.wave);
  });
  const workstreamRefs = new Set<string>();
  data.workstreams.forEach((w, i) => {
    const at = `$.workstreams[${i}]`;
    if (workstreamRefs.has(w.ref)) add(`${at}.ref`, `workstream ${w.ref} is listed twice`);
    workstreamRefs.add(w.ref);
    for (const s of SIDES) owner(`${at}.owners.${s}`, w.owners[s]);
    w.findings.forEach((ref, j) => {
      if (!findingRefs.has(ref)) add(`${at}.findings[${j}]`, `finding ${ref} is not in $.findings`);
    });
    w.incidents.forEach((ref, j) => {
      if (!context.incidents.has(ref))
        add(`${at}.incidents[${j}]`, `incident ${ref} is not in incidents.csv`);
    });
    w.actions.forEach((a, j) => {
      owner(`${at}.actions[${j}].owner`, a.owner);
      if (a.dueOn < w.startedOn) {
        add(
          `${at}.actions[${j}].dueOn`,
          `due on ${a.dueOn}, before the workstream started on ${w.startedOn}`,
        );
      }
    });
  });
  data.smallBigThings.forEach((t, i) => {
    owner(`$.smallBigThings[${i}].owner`, t.owner);
    if (t.workstream !== null && !workstreamRefs.has(t.workstream)) {
      add(`$.smallBigThings[${i}].workstream`, `workstream ${t.workstream} is not in $.workstreams`);
    }
    if (t.fixedOn !== null && t.fixedOn < t.raisedOn) {
      add(`$.smallBigThings[${i}].fixedOn`, `fixed on ${t.fixedOn}, before it was raised on ${t.raisedOn}`);
    }
  });
  const versions = new Set<number>();
  data.charter.forEach((v, i) => {
    if (versions.has(v.version))
      add(`$.charter[${i}].version`, `charter version ${v.version} is listed twice`);
    versions.add(v.version);
    const signed = new Set<string>();
    v.signOffs.forEach((s, j) => {
      if (signed.has(s.side))
        add(`$.charter[${i}].signOffs[${j}].side`, `side ${s.side} signed this version twice`);
      signed.add(s.side);
    });
  });
  data.workshops.forEach((w, i) => {
    checkWorkshopReferences(w, `$.workshops[${i}]`, { data, workstreamRefs, versions, wave, add });
  });
  return problems;
}

function checkWorkshopReferences(
  w: BundleWorkshop,
  at: string,
  context: {
    data: BundleShareAndAct;
    workstreamRefs: ReadonlySet<string>;
    versions: ReadonlySet<number>;
    wave: (path: string, label: string) => void;
    add: (path: string, message: string) => void;
  },
): void {
  const { add } = context;
  context.wave(`${at}.wave`, w.wave);
  if (w.startedAt !== null && w.startedAt > w.endedAt) {
    add(`${at}.endedAt`, `ended at ${w.endedAt}, before it started at ${w.startedAt}`);
  }
  const themes = new Set<string>();
  w.themes.forEach((t, j) => {
    if (themes.has(t.ref)) add(`${at}.themes[${j}].ref`, `theme ${t.ref} is listed twice`);
    themes.add(t.ref);
  });
  const theme = (path: string, ref: string | null) => {
    if (ref !== null && !themes.has(ref)) add(path, `theme ${ref} is not in ${at}.themes`);
  };
  w.agenda.forEach((step, j) => {
    const stepAt = `${at}.agenda[${j}]`;
    if (step.kind !== 'reflect' && step.notes.length > 0) {
      add(`${stepAt}.notes`, `only a reflect step holds notes, not a ${step.kind} step`);
    }
    if (step.kind !== 'vote' && step.votes !== null) {
      add(`${stepAt}.votes`, `only a vote step holds votes, not a ${step.kind} step`);
    }
    step.notes.forEach((note, k) => {
      theme(`${stepAt}.notes[${k}].theme`, note.theme);
    });
    step.votes?.forEach((vote, k) => {
      theme(`${stepAt}.votes[${k}].theme`, vote.theme);
    });
  });
  const texts = new Set(context.data.smallBigThings.map((t) => t.text));
  w.commitments.forEach((c, j) => {
    const cAt = `${at}.commitments[${j}]`;
    theme(`${cAt}.theme`, c.theme);
    if (c.workstream !== null && !context.workstreamRefs.has(c.workstream)) {
      add(`${cAt}.workstream`, `workstream ${c.workstream} is not in $.workstreams`);
    }
    if (c.smallBigThing !== null && !texts.has(c.smallBigThing)) {
      add(`${cAt}.smallBigThing`, `"${c.smallBigThing}" is not the text of one of $.smallBigThings`);
    }
    if (c.charterVersion !== null && !context.versions.has(c.charterVersion)) {
      add(`${cAt}.charterVersion`, `charter version ${c.charterVersion} is not in $.charter`);
    }
    const links = {
      workstream: c.workstream,
      'small-big-thing': c.smallBigThing,
      'charter-principle': c.charterVersion,
    };
    for (const [kind, value] of Object.entries(links)) {
      if (kind !== c.kind && value !== null) {
        add(cAt, `a ${c.kind} commitment links to no ${kind}`);
      }
    }
  });
}

/** The file's text: two-space JSON with the documented key order, a newline at the end. */
export function formatShareAndAct(data: BundleShareAndAct): string {
  return `${JSON.stringify(ShareAndActSchema.parse(data), null, 2)}\n`;
}
