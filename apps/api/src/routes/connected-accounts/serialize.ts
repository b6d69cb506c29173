import { type ConnectedAccountResponse, toTimestamp } from "@cadence/contract";
import type { ConnectedAccountRow } from "./load";

/** D1 row -> ConnectedAccountResponse. The API key is never read here: only that one is stored. */
export function serializeConnectedAccount(row: ConnectedAccountRow): ConnectedAccountResponse {
  return {
    connected_account_id: row.id,
    provider: row.provider as ConnectedAccountResponse["provider"],
    provider_account_id: row.providerAccountId,
    display_name: row.displayName,
    base_url: row.baseUrl,
    daily_limit: row.dailyLimit,
    weekly_limit: row.weeklyLimit,
    has_api_key: row.apiKeySecret !== "",
    created_at: toTimestamp(row.createdAt),
    updated_at: toTimestamp(row.updatedAt),
  };
}
