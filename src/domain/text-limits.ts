// How long the names people type may be, in one place for every way in (forms, the API, the CLI,
// participants CSVs and bundles): long enough for any real organisation or person, short enough
// that one value cannot fill a page or a table row.

/** A relationship's, an organisation's or a person's name; a role. */
export const NAME_MAX = 200;
/** A wave's label. */
export const LABEL_MAX = 80;
/** An email address (RFC 5321's limit). */
export const EMAIL_MAX = 320;

export function tooLong(max: number): string {
  return `at most ${max} characters`;
}
