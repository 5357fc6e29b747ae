import { expect, test } from 'vitest';
import { generateDemoBundle } from '../demo/generate-demo-bundle.ts';
import { type AnalysisInput, analyzeRelationship } from './analyze-relationship.ts';
import { bundleToAnalysisInput } from './bundle/bundle-to-analysis-input.ts';
import { resolveAnalysisEvidence } from './resolve-evidence.ts';
import { suggestFindings } from './suggest-findings.ts';

// Suggested findings on the demo relationship: every candidate explained, pointing at evidence that
// resolves (never a hidden value), stable, and about the wave asked for.

const input: AnalysisInput = bundleToAnalysisInput(generateDemoBundle(), 'demo');
const analysis = analyzeRelationship(input);

test.each(analysis.waves.map((w) => w.label))(
  'every suggestion for %s resolves and explains itself',
  (label) => {
    const suggestions = suggestFindings({ analysis, wave: label, incidents: input.incidents });
    expect(suggestions.length).toBeGreaterThanOrEqual(4);
    expect(new Set(suggestions.map((s) => s.key)).size).toBe(suggestions.length);
    for (const suggestion of suggestions) {
      expect(suggestion.because).toMatch(/\.$/);
      expect(suggestion.evidence.length).toBeGreaterThan(0);
      for (const reference of suggestion.evidence) {
        if (reference.kind === 'incident') {
          const incident = input.incidents.find((i) => i.ref === reference.ref);
          expect(incident?.direction).toBe('dilutes');
          continue;
        }
        if (reference.kind === 'quote' || reference.kind === 'comment')
          throw new Error('not from the analysis');
        const resolved = resolveAnalysisEvidence(analysis, reference);
        expect([suggestion.key, resolved.ok]).toEqual([suggestion.key, true]);
      }
    }
    // The same analysis gives the same suggestions.
    expect(suggestFindings({ analysis, wave: label, incidents: input.incidents })).toEqual(suggestions);
  },
);

test('the baseline: the lowest dimension per side, a blind spot, an incident theme; 12 months: the level spread', () => {
  const suggestions = suggestFindings({ analysis, wave: 'Baseline', incidents: input.incidents });
  const kinds = suggestions.map((s) => s.key.split(':')[0]);
  expect(kinds.filter((k) => k === 'lowest')).toHaveLength(2);
  expect(kinds).toContain('blind-spot');
  expect(kinds).toContain('incident-theme');
  // The demo's leaders and staff drift apart by the 12-month wave (19.6 points).
  const twelve = suggestFindings({ analysis, wave: '12 months', incidents: input.incidents });
  expect(twelve.find((s) => s.key.startsWith('level-spread:'))?.because).toMatch(/points apart/);
  const baseline = analysis.waves[0]!;
  for (const lowest of suggestions.filter((s) => s.key.startsWith('lowest:'))) {
    const reference = lowest.evidence[0]!;
    if (reference.kind !== 'side-index') throw new Error('a side index');
    const all = Object.values(baseline.indexByDimension[reference.side]).filter(
      (x): x is number => x !== null,
    );
    expect(baseline.indexByDimension[reference.side][reference.dimension]).toBe(Math.min(...all));
    // About the side being rated: the other one.
    expect(lowest.concerns).toBe(reference.side === 'A' ? 'B' : 'A');
  }
});

test('a wave that is not in the analysis (open, or unknown) has no suggestions', () => {
  expect(suggestFindings({ analysis, wave: 'Pulse 9', incidents: input.incidents })).toEqual([]);
});

test('a hidden cell is refused as evidence, in words', () => {
  // The baseline with only two of side B's leaders: their cells are hidden.
  const small: AnalysisInput = {
    ...input,
    waves: input.waves.map((w, i) => {
      if (i > 0) return w;
      const leaders = w.responses.filter((r) => r.side === 'B' && r.level === 'leadership').slice(0, 2);
      return {
        ...w,
        responses: [...w.responses.filter((r) => !(r.side === 'B' && r.level === 'leadership')), ...leaders],
      };
    }),
  };
  const smallAnalysis = analyzeRelationship(small);
  const hidden = smallAnalysis.waves
    .flatMap((w) => w.cells.map((c) => ({ w, c })))
    .find(({ c }) => c.suppressed && c.n > 0);
  expect(hidden).toBeDefined();
  const { w, c } = hidden!;
  const resolved = resolveAnalysisEvidence(smallAnalysis, {
    kind: 'cell',
    wave: w.label,
    side: c.side,
    level: c.level,
    dimension: c.dimension,
  });
  expect(resolved).toEqual({ ok: false, message: expect.stringMatching(/hidden by the anonymity rules/) });
  expect(JSON.stringify(resolved)).not.toMatch(/mean|\d\.\d{3}/);
});

test('unknown waves, dimensions and changes are refused naming them', () => {
  expect(
    resolveAnalysisEvidence(analysis, { kind: 'gap', wave: 'Nope', side: 'A', dimension: 'openness' }),
  ).toEqual({
    ok: false,
    message: expect.stringMatching(/"Nope" has no results/),
  });
  expect(
    resolveAnalysisEvidence(analysis, {
      kind: 'side-index',
      wave: 'Baseline',
      side: 'A',
      dimension: 'trust',
    }),
  ).toEqual({ ok: false, message: expect.stringMatching(/"trust" is not a dimension/) });
  expect(
    resolveAnalysisEvidence(analysis, {
      kind: 'change',
      from: 'Baseline',
      to: 'Nope',
      side: 'B',
      dimension: 'openness',
    }),
  ).toEqual({ ok: false, message: expect.stringMatching(/no change/) });
});
