/**
 * Approved (frozen) emails in D1, raw SQL: written by the approval routes, read by the launch check.
 * The campaign object sends from its own copy, taken at launch and replaced on every change
 * (campaign/worker/ai-approvals.ts). Table: packages/db/src/schema/ai-approvals.ts.
 */

export interface ApprovalRow {
  campaign_id: string;
  campaign_lead_id: string;
  step_index: number;
  user_id: string;
  row_index: number;
  variant_label: string;
  subject: string;
  body: string;
  step_config_fingerprint: string;
  lead_identity_fingerprint: string;
  prompt_snapshot: string | null;
  prompt_version_hash: string | null;
  sender_profile_id: string | null;
  template_id: string | null;
  model: string | null;
  generation_latency_ms: number | null;
  approved_by: string | null;
  approved_at: number;
}

export async function approvalsForLead(
  d1: D1Database,
  campaignId: string,
  campaignLeadId: string,
): Promise<ApprovalRow[]> {
  const { results } = await d1
    .prepare("SELECT * FROM ai_approvals WHERE campaign_id = ? AND campaign_lead_id = ? ORDER BY step_index")
    .bind(campaignId, campaignLeadId)
    .all<ApprovalRow>();
  return results;
}

/** A page of a campaign's approvals, by dataset row then step (`stepIndex` null: every step), and their total. */
export async function approvalsPage(
  d1: D1Database,
  campaignId: string,
  stepIndex: number | null,
  page: { offset: number; limit: number },
): Promise<{ rows: ApprovalRow[]; total: number }> {
  const where = "campaign_id = ?1 AND (?2 IS NULL OR step_index = ?2)";
  // One round trip for the page and its total, as the drizzle list routes do with db.batch.
  const [rows, count] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare(`SELECT * FROM ai_approvals WHERE ${where} ORDER BY row_index, step_index LIMIT ?3 OFFSET ?4`)
      .bind(campaignId, stepIndex, page.limit, page.offset),
    d1.prepare(`SELECT count(*) AS n FROM ai_approvals WHERE ${where}`).bind(campaignId, stepIndex),
  ]);
  return {
    rows: (rows?.results ?? []) as unknown as ApprovalRow[],
    total: Number(count?.results[0]?.n ?? 0),
  };
}

/**
 * The approved email of a lead's step, when one was approved under `currentFingerprint` (the step's
 * configuration for the lead now): the email to send byte for byte. Null otherwise.
 */
export async function approvedEmailFor(
  d1: D1Database,
  campaignId: string,
  campaignLeadId: string,
  stepIndex: number,
  currentFingerprint: string,
): Promise<{ subject: string; body: string } | null> {
  const row = await d1
    .prepare(
      `SELECT subject, body FROM ai_approvals
       WHERE campaign_id = ? AND campaign_lead_id = ? AND step_index = ? AND step_config_fingerprint = ?`,
    )
    .bind(campaignId, campaignLeadId, stepIndex, currentFingerprint)
    .first<{ subject: string; body: string }>();
  return row ?? null;
}

/** Every approval of a campaign as `${campaign_lead_id}:${step_index}` -> fingerprint (for the launch check). */
export async function approvalFingerprints(d1: D1Database, campaignId: string): Promise<Map<string, string>> {
  const { results } = await d1
    .prepare(
      "SELECT campaign_lead_id, step_index, step_config_fingerprint FROM ai_approvals WHERE campaign_id = ?",
    )
    .bind(campaignId)
    .all<{ campaign_lead_id: string; step_index: number; step_config_fingerprint: string }>();
  return new Map(results.map((r) => [`${r.campaign_lead_id}:${r.step_index}`, r.step_config_fingerprint]));
}
