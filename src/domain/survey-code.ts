// A typed survey code as people type it: any case, with spaces or dashes ("ab3d-7kmp"). Returns
// the canonical 8 characters, or null when it cannot be a code (so nothing is looked up).
export function normalizeSurveyCode(input: string, alphabet: string, length: number): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== length) return null;
  for (const char of compact) if (!alphabet.includes(char)) return null;
  return compact;
}

/** "AB3D7KMP" → "AB3D-7KMP": easier to read out and copy. */
export function formatSurveyCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * A survey page's key that is a typed code ("ABCD-EFGH", any case) rather than a link's token:
 * the shape a code takes in a survey address (`/s/ABCD-EFGH`).
 */
export function isSurveyCodeShape(key: string): boolean {
  return /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/.test(key);
}
