import type { RelationshipAnalysis } from './analyze-relationship.ts';
import type { Side } from './model.ts';
import type { StageLevel } from './stage.ts';

// The relationship's journey (issue 9, item 5): its stage at every closed wave, and on the same
// time line what was done between the waves — the releases, the charter and its signatures, the
// workstreams started and closed, the small big things fixed. Pure: the stages are the analysis'
// own, the events are what the store holds.

export type JourneyStage = {
  wave: string;
  /** The day the wave closed: where its stage sits on the time line. */
  on: string;
  level: StageLevel | null;
  name: string;
  index: Record<Side, number | null>;
};

export type JourneyEventKind =
  | 'release'
  | 'charter'
  | 'charter-signed'
  | 'workstream-started'
  | 'small-big-things';

export type JourneyEvent = { on: string; kind: JourneyEventKind; text: string };

export type Journey = { stages: JourneyStage[]; events: JourneyEvent[] };

export type JourneyFacts = {
  releases: ReadonlyArray<{
    releasedAt: string;
    kind: 'pre-brief' | 'joint';
    side: Side | null;
    findings: number;
  }>;
  charter: ReadonlyArray<{
    version: number;
    createdAt: string;
    signOffs: ReadonlyArray<{ side: Side; signedBy: string; signedAt: string }>;
  }>;
  workstreams: ReadonlyArray<{ key: string; title: string; started: string }>;
  /** The days small big things were fixed. */
  fixed: readonly string[];
};

export function buildJourney(analysis: RelationshipAnalysis, facts: JourneyFacts): Journey {
  const sides = analysis.relationship.sides;
  const stages = analysis.waves.map((wave) => ({
    wave: wave.label,
    on: wave.closes,
    level: wave.stage.level,
    name: wave.stage.name,
    index: { ...wave.index },
  }));
  const events: JourneyEvent[] = [];
  for (const r of facts.releases) {
    events.push({
      on: r.releasedAt.slice(0, 10),
      kind: 'release',
      text:
        r.kind === 'joint'
          ? `${r.findings} finding${r.findings === 1 ? '' : 's'} released to both sides`
          : `Pre-brief of ${r.findings} finding${r.findings === 1 ? '' : 's'} to ${r.side ? sides[r.side].name : 'one side'}`,
    });
  }
  for (const version of facts.charter) {
    events.push({
      on: version.createdAt.slice(0, 10),
      kind: 'charter',
      text: `Charter version ${version.version} written`,
    });
    if (version.signOffs.length === 2) {
      const last = [...version.signOffs].sort((a, b) => a.signedAt.localeCompare(b.signedAt)).at(-1)!;
      events.push({
        on: last.signedAt.slice(0, 10),
        kind: 'charter-signed',
        text: `Charter version ${version.version} signed by both sides`,
      });
    }
  }
  for (const w of facts.workstreams) {
    events.push({ on: w.started, kind: 'workstream-started', text: `${w.key} started: ${w.title}` });
  }
  // Small big things fixed between two waves, counted once per interval (many and small).
  const boundaries = [...analysis.waves.map((w) => w.closes), '9999-12-31'];
  let from = '0000-01-01';
  for (const until of boundaries) {
    const n = facts.fixed.filter((day) => day > from && day <= until).length;
    const last = facts.fixed
      .filter((day) => day > from && day <= until)
      .sort()
      .at(-1);
    if (n > 0 && last) {
      events.push({
        on: last,
        kind: 'small-big-things',
        text: `${n} small big thing${n === 1 ? '' : 's'} fixed`,
      });
    }
    from = until;
  }
  events.sort((a, b) => a.on.localeCompare(b.on) || a.text.localeCompare(b.text));
  return { stages, events };
}
