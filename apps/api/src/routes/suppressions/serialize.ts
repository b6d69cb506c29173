import { type Suppression, toTimestamp } from "@cadence/contract";
import type { suppressions } from "@cadence/db";

export function serializeSuppression(row: typeof suppressions.$inferSelect): Suppression {
  return {
    suppression_id: row.id,
    value: row.value,
    kind: row.kind as Suppression["kind"],
    created_at: toTimestamp(row.createdAt),
  };
}
