import { expect, test } from 'vitest';
import { detectSeparator } from './csv.ts';
import { formatParticipantCsvProblem, previewParticipantsCsvText } from './participants-csv.ts';

// A participants list as spreadsheets export it (issue 8, item 13): `;` where the locale's decimal
// mark is a comma, and the side written as the organisation's name as well as A or B.

const SIDES = { A: 'Northwind Utilities', B: 'Contoso IT' };

test('the separator is the one the header line uses, outside quotes', () => {
  expect(detectSeparator('name,email,side,level\n')).toBe(',');
  expect(detectSeparator('name;email;side;level\r\nAnn;a@x.example;A;staff')).toBe(';');
  expect(detectSeparator('"Smith; Ann",email,side,level\n')).toBe(',');
  expect(detectSeparator('')).toBe(',');
});

test('a semicolon file with sides by organisation name reads like a comma file with A and B', () => {
  const semicolons = [
    'Name;Email;Side;Level;Role',
    'Ann Lee;ann@northwind.example;northwind utilities ;Staff;"Desk; nights"',
    'Bo Chan;bo@contoso.example;Contoso IT;operational;',
    'Cy Dorn;cy@contoso.example;b;leadership;',
  ].join('\n');
  const commas = [
    'name,email,side,level,role',
    'Ann Lee,ann@northwind.example,A,staff,Desk; nights',
    'Bo Chan,bo@contoso.example,B,operational,',
    'Cy Dorn,cy@contoso.example,B,leadership,',
  ].join('\n');
  const read = (text: string) =>
    previewParticipantsCsvText(text, new Map(), SIDES).rows.map((r) => r.participant);
  expect(read(semicolons)).toEqual(read(commas));
  expect(read(semicolons)[0]).toEqual({
    name: 'Ann Lee',
    email: 'ann@northwind.example',
    side: 'A',
    level: 'staff',
    role: 'Desk; nights',
  });
});

test('an unknown side names what it expects, with its place', () => {
  const preview = previewParticipantsCsvText(
    'name;email;side;level\nAnn;ann@x.example;Fabrikam;staff\n',
    new Map(),
    SIDES,
  );
  expect(preview.problems.map((p) => formatParticipantCsvProblem(p, 'people.csv'))).toEqual([
    'people.csv:2:19: side "Fabrikam" is not a side: expected A, B, "Northwind Utilities" or "Contoso IT"',
  ]);
});
