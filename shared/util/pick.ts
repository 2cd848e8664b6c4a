// The named fields of a record: a view built from a row that holds more (a migration's columns, a read model's
// bookkeeping) names what it passes on once, as a list, instead of one `field: row.field` line each.

export function pick<T, K extends keyof T>(record: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = record[k];
  return out;
}
