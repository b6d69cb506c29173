import { type ApprovedEmail, type LeadApprovalResponse, toTimestamp } from "@cadence/contract";
import type { CampaignRow } from "@cadence/db";
import { type ApprovalRow, approvalsForLead } from "../../ai/approvals-store";
import { campaignLeadId } from "../../campaign/sequence";
import { notFound } from "../../errors";

const SCAN_PAGE = 5000;

/**
 * The dataset row behind a `campaign_lead_id`. The id is a name-based UUID of (campaign, row), so it
 * cannot be read backwards: it is looked up where it was recorded (approvals, playground drafts, the
 * launched leads), else found by deriving the ids of the dataset's rows in order. 404 when no row of
 * the campaign's dataset has it.
 */
export async function resolveCampaignLead(
  d1: D1Database,
  campaign: Pick<CampaignRow, "id" | "datasetId">,
  leadId: string,
): Promise<{ rowIndex: number; data: Record<string, string> }> {
  const known = await d1
    .prepare(
      `SELECT row_index FROM ai_approvals WHERE campaign_id = ?1 AND campaign_lead_id = ?2
       UNION ALL SELECT row_index FROM ai_playground_items WHERE campaign_id = ?1 AND campaign_lead_id = ?2
       UNION ALL SELECT row_index FROM campaign_leads WHERE campaign_id = ?1 AND id = ?2
       LIMIT 1`,
    )
    .bind(campaign.id, leadId)
    .first<{ row_index: number }>();
  let rowIndex = known?.row_index ?? null;
  for (let after = 0; rowIndex === null; ) {
    const { results } = await d1
      .prepare(
        "SELECT row_index FROM dataset_rows WHERE dataset_id = ? AND row_index > ? ORDER BY row_index LIMIT ?",
      )
      .bind(campaign.datasetId, after, SCAN_PAGE)
      .all<{ row_index: number }>();
    for (const r of results) {
      if ((await campaignLeadId(campaign.id, r.row_index)) === leadId) {
        rowIndex = r.row_index;
        break;
      }
    }
    if (rowIndex !== null || results.length < SCAN_PAGE) break;
    after = results[results.length - 1]!.row_index;
  }
  if (rowIndex === null) throw notFound("Lead");
  const row = await d1
    .prepare("SELECT data FROM dataset_rows WHERE dataset_id = ? AND row_index = ?")
    .bind(campaign.datasetId, rowIndex)
    .first<{ data: string }>();
  if (!row) throw notFound("Lead");
  return { rowIndex, data: JSON.parse(row.data) as Record<string, string> };
}

export function serializeApproval(row: ApprovalRow): ApprovedEmail {
  return {
    subject: row.subject,
    body: row.body,
    prompt_snapshot: row.prompt_snapshot,
    prompt_version_hash: row.prompt_version_hash,
    lead_identity_fingerprint: row.lead_identity_fingerprint,
    step_index: row.step_index,
    variant_label: row.variant_label,
    step_config_fingerprint: row.step_config_fingerprint,
    approved_at: toTimestamp(row.approved_at),
    approved_by: row.approved_by,
    research_cache_fingerprint: null,
    sender_profile_id: row.sender_profile_id,
    template_id: row.template_id,
    model: row.model,
    generation_latency_ms: row.generation_latency_ms,
  };
}

/** The answer of approve, unapprove and reset: the lead's approved steps after the operation. */
export async function leadApprovalResponse(
  d1: D1Database,
  campaignId: string,
  leadId: string,
  stepIndex: number | null,
  now: number,
): Promise<LeadApprovalResponse> {
  const approvals = await approvalsForLead(d1, campaignId, leadId);
  const entry = stepIndex === null ? undefined : approvals.find((a) => a.step_index === stepIndex);
  return {
    campaign_id: campaignId,
    campaign_lead_id: leadId,
    updated_at: toTimestamp(now),
    step_index: stepIndex,
    approved_steps: approvals.map((a) => a.step_index),
    approved_entry: entry ? serializeApproval(entry) : null,
  };
}
