const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A well-formed id (any case). Checked before a value from outside reaches a uuid column: anything
 * else cannot name a row, and PostgreSQL would refuse it with an error instead of finding nothing.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
