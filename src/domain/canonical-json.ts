// JSON with object keys sorted at every depth, so two equal values always print the same. Used to
// compare an instrument with the stored one (jsonb does not keep key order).
export function toCanonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * The value with object keys sorted at every depth: a summary computed now and the same summary
 * read back from jsonb then print the same (a reader must not tell a fresh value from a cached one).
 */
export function sortKeys<T>(value: T): T;
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
