import { type SenderProfileResponse, toTimestamp } from "@cadence/contract";
import type { senderProfiles } from "@cadence/db";

export function serializeSenderProfile(
  row: typeof senderProfiles.$inferSelect,
  usageCount: number,
): SenderProfileResponse {
  return {
    id: row.id,
    profile_name: row.profileName,
    sender_data: row.senderData,
    description: row.description,
    is_default: row.isDefault,
    usage_count: usageCount,
    created_at: toTimestamp(row.createdAt),
    updated_at: toTimestamp(row.updatedAt),
  };
}
