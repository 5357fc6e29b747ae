// Small pieces of English shared by what the domain writes (reasons, suggestions) and the pages.

/** "Corvid IT Services'" and "Northwater's": possessive of an organisation name. */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}
