import { expect, test } from 'vitest';
import { fieldLabel, wordFieldNames } from './field-labels.ts';

// Raw field names never reach a person (issue 8, item 13).

test('field paths read as words', () => {
  expect(fieldLabel('heldOn')).toBe('Held on');
  expect(fieldLabel('occurredOn')).toBe('Occurred on');
  expect(fieldLabel('sides.A.name')).toBe('Side A name');
  expect(fieldLabel('evidence.2')).toBe('Evidence 3');
  expect(fieldLabel('anonymityThreshold')).toBe('Anonymity threshold');
});

test('a service message has every leading field worded, the rest untouched', () => {
  expect(wordFieldNames('heldOn: is not a real date written YYYY-MM-DD (and 1 more)')).toBe(
    'Held on: is not a real date written YYYY-MM-DD (and 1 more)',
  );
  expect(wordFieldNames('dueOn: due before the workstream started (2024-03-01); owner: required')).toBe(
    'Due on: due before the workstream started (2024-03-01); Owner: required',
  );
  expect(wordFieldNames('nothing to release: wave "Baseline" has no findings yet')).toBe(
    'nothing to release: wave "Baseline" has no findings yet',
  );
});
