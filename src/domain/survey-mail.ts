// The survey's invitation and reminders as mail (issue 11, item 4): plain text and HTML, written in
// the relationship's words ("How do you see Corvid IT Services?"), from the workspace's name. Pure:
// the services give it the names, dates and the person's own link and code.

export type SurveyMailInput = {
  workspaceName: string;
  /** The participant's name ('' when unknown: the mail then greets no one by name). */
  name: string;
  /** Their own organisation and the one the survey asks them about. */
  ownSide: string;
  otherSide: string;
  closesOn: string;
  /** Their personal link, and the code that works on the code page. */
  url: string;
  code: string;
  codePageUrl: string;
};

export type ReminderMailInput = SurveyMailInput & {
  /** 1 for the first reminder. */
  number: number;
  /** Where they stop further reminders (a page that asks before it acts). */
  optOutUrl: string;
};

export type ComposedMail = { subject: string; text: string; html: string };

export function composeSurveyInvitation(input: SurveyMailInput): ComposedMail {
  const subject = `How do you see ${input.otherSide}? A 10-minute survey for ${input.ownSide}`;
  const paragraphs = [
    greeting(input.name),
    `${input.workspaceName} is helping ${input.ownSide} and ${input.otherSide} build trust between them. How far does ${input.ownSide} trust ${input.otherSide}, and how do you think ${input.otherSide} sees you? Your answers count, and they take about 10 minutes.`,
    'Nobody sees your own answers: results are shown only for groups of several people, and never with your name.',
  ];
  return compose(subject, paragraphs, input, [
    `The survey is open until ${input.closesOn}. Thank you.`,
    input.workspaceName,
  ]);
}

export function composeSurveyReminder(input: ReminderMailInput): ComposedMail {
  const subject = `Reminder: how do you see ${input.otherSide}? (open until ${input.closesOn})`;
  const paragraphs = [
    greeting(input.name),
    `A reminder from ${input.workspaceName}: the survey about how ${input.ownSide} and ${input.otherSide} trust each other is open until ${input.closesOn}. If you have started, this link takes you back to where you were.`,
    'This mail carries a new link; the one sent before no longer works.',
  ];
  return compose(subject, paragraphs, input, [
    `No more reminders for this survey: ${input.optOutUrl}`,
    input.workspaceName,
  ]);
}

function greeting(name: string): string {
  return name.trim() === '' ? 'Hello,' : `Hello ${name.trim()},`;
}

function compose(
  subject: string,
  paragraphs: string[],
  input: SurveyMailInput,
  closing: string[],
): ComposedMail {
  const linkLines = [
    `Your personal link: ${input.url}`,
    `Or type your code ${input.code} at ${input.codePageUrl}`,
  ];
  const text = [...paragraphs, linkLines.join('\n'), ...closing].join('\n\n');
  const html = [
    HTML_OPEN,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(input.url)}" style="display: inline-block; padding: 0.6em 1.2em; background: #0b5cad; color: #ffffff; text-decoration: none; border-radius: 6px">Open the survey</a></p>`,
    `<p>Or type your code <strong>${escapeHtml(input.code)}</strong> at <a href="${escapeHtml(input.codePageUrl)}">${escapeHtml(input.codePageUrl)}</a>.</p>`,
    ...closing.map((line) => `<p>${linkify(line)}</p>`),
    HTML_CLOSE,
  ].join('\n');
  return { subject, text, html };
}

const HTML_OPEN =
  '<!doctype html><html lang="en"><body style="font-family: sans-serif; line-height: 1.5; color: #1b1f24">';
const HTML_CLOSE = '</body></html>';

/** A mail's HTML version from its paragraphs of plain text, each escaped. */
export function htmlOfParagraphs(paragraphs: readonly string[]): string {
  return [HTML_OPEN, ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`), HTML_CLOSE].join('\n');
}

/**
 * The HTML version of a mail written only as plain text (account mails: team and sponsor
 * invitations, password resets, action links): paragraphs at blank lines, lines wrapped at 100
 * columns joined again, a link on its own line made a link.
 */
export function htmlOfPlainText(text: string): string {
  const paragraphs = text
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
  return [
    HTML_OPEN,
    ...paragraphs.map((lines) =>
      lines.length === 1 ? `<p>${linkify(lines[0]!)}</p>` : `<p>${escapeHtml(lines.join(' '))}</p>`,
    ),
    HTML_CLOSE,
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Escapes a line and makes its one trailing URL a link. */
function linkify(line: string): string {
  const match = /^(.*?)(https?:\/\/\S+)$/.exec(line);
  if (!match) return escapeHtml(line);
  return `${escapeHtml(match[1]!)}<a href="${escapeHtml(match[2]!)}">${escapeHtml(match[2]!)}</a>`;
}
