// A calendar invitation (RFC 5545, iTIP METHOD:REQUEST) for a joint workshop (issue 11, item 4),
// written by hand: the package the brief names (ical-generator) needs Node 22. One VEVENT with a
// stable UID per workshop and a SEQUENCE that grows with each new sending, so calendars replace the
// earlier invitation instead of adding a second event. Times are UTC; text is escaped and lines
// are folded at 75 octets, as the RFC asks.

export type CalendarInvitation = {
  /** Stable for the workshop: `workshop-<id>@<domain>`. */
  uid: string;
  sequence: number;
  title: string;
  description: string;
  location: string;
  start: Date;
  minutes: number;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** When the file is made (DTSTAMP). */
  now: Date;
};

export function calendarInvitation(event: CalendarInvitation): string {
  const end = new Date(event.start.getTime() + event.minutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Trustloop//Joint workshop//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.now)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${escapeText(event.title)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    `ORGANIZER;CN=${quoteParam(event.organizer.name)}:mailto:${event.organizer.email}`,
    `ATTENDEE;CN=${quoteParam(event.attendee.name || event.attendee.email)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${event.attendee.email}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** 20261205T140000Z */
function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon and comma escaped, new lines as \n (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll(';', '\\;').replaceAll(',', '\\,').replace(/\r?\n/g, '\\n');
}

/** A parameter value: quoted, with the characters a quoted value may not hold left out. */
function quoteParam(text: string): string {
  return `"${text.replace(/["\r\n]/g, '')}"`;
}

const ENCODER = new TextEncoder();

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = ENCODER.encode(char).length;
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
