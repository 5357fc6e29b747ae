import { expect, test } from 'vitest';
import { generateDemoBundle } from '../demo/generate-demo-bundle.ts';
import { analyzeRelationship } from './analyze-relationship.ts';
import { bundleToAnalysisInput } from './bundle/bundle-to-analysis-input.ts';
import { buildJourney } from './journey.ts';

// The journey of the demo: the stage moves from 1 to 3 across the waves, and what was done between
// them — releases, the charter and its signatures, the workstreams, the small big things fixed —
// sits in date order on the same time line.

test('the demo’s journey: stage 1 to 3, with the work between the waves in date order', () => {
  const bundle = generateDemoBundle();
  const analysis = analyzeRelationship(bundleToAnalysisInput(bundle, 'demo'));
  const { releases, charter, workstreams, smallBigThings } = bundle.shareAndAct;
  const journey = buildJourney(analysis, {
    releases: releases.map((r) => ({
      releasedAt: r.releasedAt,
      kind: r.kind,
      side: r.side,
      findings: r.findings.length,
    })),
    charter,
    workstreams: workstreams.map((w) => ({ key: w.ref, title: w.title, started: w.startedOn })),
    fixed: smallBigThings.flatMap((t) => (t.fixedOn ? [t.fixedOn] : [])),
  });
  expect(journey.stages.map((s) => s.level)).toEqual(analysis.waves.map((w) => w.stage.level));
  expect(journey.stages[0]!.level).toBe(1);
  expect(journey.stages.at(-1)!.level).toBe(3);
  const days = journey.events.map((e) => e.on);
  expect(days).toEqual([...days].sort());
  const baselineClosed = journey.stages[0]!.on;
  const sixMonths = journey.stages[1]!.on;
  const between = journey.events.filter((e) => e.on > baselineClosed && e.on <= sixMonths).map((e) => e.kind);
  expect(between).toEqual(
    expect.arrayContaining([
      'release',
      'charter',
      'charter-signed',
      'workstream-started',
      'small-big-things',
    ]),
  );
  // Small big things are counted once per interval between waves: 10 fixed in all.
  const fixed = journey.events
    .filter((e) => e.kind === 'small-big-things')
    .map((e) => Number(/^(\d+)/.exec(e.text)![1]));
  expect(fixed.reduce((a, b) => a + b, 0)).toBe(10);
});
