// Bulk loads pass whole columns as one PostgreSQL array literal each and insert with
// `INSERT … SELECT * FROM unnest(...)` (decision 004): one statement, one round trip, and the same
// text parameter works on PGlite and node-postgres alike.
export function toPgArrayLiteral(values: ReadonlyArray<string | number | null>): string {
  const parts = values.map((value) => {
    if (value === null) return 'NULL';
    if (typeof value === 'number') return String(value);
    return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  });
  return `{${parts.join(',')}}`;
}
