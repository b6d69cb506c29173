import { toTimestamp } from "@cadence/contract";
import type { apiKeys } from "@cadence/db";

export function serializeApiKey(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    key_prefix: row.keyPrefix,
    created_at: toTimestamp(row.createdAt),
    last_used_at: row.lastUsedAt ? toTimestamp(row.lastUsedAt) : null,
  };
}
