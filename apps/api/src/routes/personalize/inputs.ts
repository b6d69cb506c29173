import { senderProfiles } from "@cadence/db";
import { and, eq } from "drizzle-orm";
import { datasetLead } from "../../datasets/lead";
import { notFound } from "../../errors";
import type { Db } from "../../lib/db";

/**
 * The sender data of a preview: the given profile (another user's id is a 404), else the inline
 * `sender_data`, else the user's default profile, else nothing.
 */
export async function previewSenderData(
  db: Db,
  userId: string,
  request: { sender_profile_id?: string | null; sender_data?: Record<string, unknown> | null },
): Promise<Record<string, unknown>> {
  if (request.sender_profile_id) {
    const row = await db
      .select({ data: senderProfiles.senderData })
      .from(senderProfiles)
      .where(and(eq(senderProfiles.id, request.sender_profile_id), eq(senderProfiles.userId, userId)))
      .get();
    if (!row) throw notFound("Sender profile");
    return row.data;
  }
  if (request.sender_data) return request.sender_data;
  const fallback = await db
    .select({ data: senderProfiles.senderData })
    .from(senderProfiles)
    .where(and(eq(senderProfiles.userId, userId), eq(senderProfiles.isDefault, true)))
    .get();
  return fallback?.data ?? {};
}

/** The lead of a preview: literal `lead_data`, or a dataset row. */
export async function previewLead(
  db: Db,
  userId: string,
  lead: { lead_data?: Record<string, unknown> | null; dataset_id?: string | null; row_index?: number | null },
): Promise<Record<string, unknown>> {
  if (lead.lead_data) return lead.lead_data;
  return datasetLead(db, userId, lead.dataset_id!, lead.row_index!);
}
