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
