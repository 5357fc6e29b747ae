import { expect, test } from 'vitest';
import { parseCsv } from '../../domain/csv.ts';
import { issuedLinksCsv } from './setup-issued-links.tsx';

test('the issued-links CSV guards a name a spreadsheet would run, and reads back as typed', () => {
  const links = [
    {
      participantId: 'p1',
      name: '=HYPERLINK("http://evil.example","click")',
      email: '@boss@example.com',
      url: 'https://trust.example/s/abc',
      code: 'ABCD-EFGH',
    },
    {
      participantId: 'p2',
      name: 'Ann, "Ops"',
      email: 'ann@example.com',
      url: 'https://trust.example/s/x',
      code: 'K',
    },
  ];
  const csv = issuedLinksCsv(links);
  expect(csv.split('\n')[1]).toBe(
    `"'=HYPERLINK(""http://evil.example"",""click"")",'@boss@example.com,https://trust.example/s/abc,ABCD-EFGH`,
  );
  expect(parseCsv(csv).rows.map((row) => row.values)).toEqual([
    ['name', 'email', 'url', 'code'],
    ...links.map((l) => [l.name, l.email, l.url, l.code]),
  ]);
});
