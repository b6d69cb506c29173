import { type AliasResponse, toTimestamp } from "@cadence/contract";
import { parseStoredTransport, transportView } from "../../channels/alias-transport";
import type { AliasRow } from "./load";

/** D1 row -> AliasResponse. Secrets are never read here: only whether one is stored. */
export function serializeAlias(row: AliasRow): AliasResponse {
  return {
    alias_id: row.id,
    email: row.email,
    display_name: row.displayName,
    daily_limit: row.dailyLimit,
    transport: transportView(parseStoredTransport(row.transport), row.transportSecret !== null),
    forward_to: row.forwardTo,
    created_at: toTimestamp(row.createdAt),
    updated_at: toTimestamp(row.updatedAt),
  };
}
