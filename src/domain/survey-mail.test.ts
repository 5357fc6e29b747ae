import { expect, test } from 'vitest';
import { composeSurveyInvitation, composeSurveyReminder } from './survey-mail.ts';

const input = {
  workspaceName: 'Lakeside & Co',
  name: 'Zoë <script>',
  ownSide: 'Northwind "Utilities"',
  otherSide: 'Contoso IT',
  closesOn: '2026-12-26',
  url: 'https://trust.example.test/s/abc_DEF-123',
  code: 'ACDE-FGH3',
  codePageUrl: 'https://trust.example.test/code',
};

test('an invitation asks in the relationship’s words, with the link and code in both versions', () => {
  const mail = composeSurveyInvitation(input);
  expect(mail.subject).toBe('How do you see Contoso IT? A 10-minute survey for Northwind "Utilities"');
  expect(mail.text).toMatch(/^Hello Zoë <script>,\n\nLakeside & Co is helping/);
  expect(mail.text).toContain(`Your personal link: ${input.url}`);
  expect(mail.text).toContain('Or type your code ACDE-FGH3 at https://trust.example.test/code');
  // Names are text in the HTML: escaped, never markup.
  expect(mail.html).not.toContain('<script>');
  expect(mail.html).toContain('Hello Zoë &lt;script&gt;,');
  expect(mail.html).toContain('Lakeside &amp; Co');
  expect(mail.html).toContain(`<a href="${input.url}"`);
});

test('a reminder says the earlier link stopped working and how to stop reminders', () => {
  const mail = composeSurveyReminder({
    ...input,
    name: '',
    number: 1,
    optOutUrl: `${input.url}/no-reminders`,
  });
  expect(mail.subject).toBe('Reminder: how do you see Contoso IT? (open until 2026-12-26)');
  expect(mail.text).toMatch(/^Hello,\n/);
  expect(mail.text).toContain('the one sent before no longer works');
  expect(mail.text).toContain(`No more reminders for this survey: ${input.url}/no-reminders`);
  expect(mail.html).toContain(`<a href="${input.url}/no-reminders">`);
});
