import { expect, test } from 'vitest';
import { createBundle } from './bundle/bundle-factory.ts';
import { formatBundleProblem } from './bundle/bundle-problem.ts';
import { parseBundle } from './bundle/parse-bundle.ts';
import { serializeBundle } from './bundle/serialize-bundle.ts';
import { parseInput } from './parse-input.ts';
import { formatParticipantCsvProblem, previewParticipantsCsvText } from './participants-csv.ts';
import { CreateRelationshipSchema, ParticipantSchema } from './setup-input.ts';

// Names are bounded in one place (issue 8, item 9): a 1,000-character organisation name is refused
// with the field and the limit, through a form or the API, a participants CSV and a bundle.

const LONG = 'x'.repeat(1000);

test('the setup input names the field and the limit', () => {
  expect(() =>
    parseInput(CreateRelationshipSchema, {
      name: 'Fine',
      sides: { A: { name: LONG, role: '' }, B: { name: 'B', role: '' } },
    }),
  ).toThrow('sides.A.name: at most 200 characters');
  expect(() =>
    parseInput(ParticipantSchema, { name: LONG, email: 'a@b.example', side: 'A', level: 'staff' }),
  ).toThrow('name: at most 200 characters');
});

test('a participants CSV names the cell', () => {
  const preview = previewParticipantsCsvText(
    `name,email,side,level\n${LONG},a@b.example,A,staff\n`,
    new Map(),
  );
  expect(preview.problems.map((p) => formatParticipantCsvProblem(p))).toEqual([
    '2:1: name is 1000 characters long: at most 200 characters',
  ]);
});

test('a bundle names the JSON path', () => {
  const bundle = createBundle();
  const files = serializeBundle({ ...bundle, relationship: { ...bundle.relationship, name: LONG } });
  const parsed = parseBundle(files);
  expect(parsed.ok ? [] : parsed.problems.map(formatBundleProblem)).toEqual([
    'relationship.json $.name: is 1000 characters long: at most 200 characters',
  ]);
});
