/** `?, ?, ?` for binding each of `values` in an `IN (...)` list of a raw D1 or SQLite statement. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => "?").join(", ");
}
