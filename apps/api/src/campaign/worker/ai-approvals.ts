import { isLive } from "@cadence/contract";
import type { Env } from "../../env";
import type { LaunchApproval } from "../types";
import { campaignStub } from "./stub";

interface ApprovalColumns {
  campaign_lead_id: string;
  step_index: number;
  step_config_fingerprint: string;
  subject: string;
  body: string;
}

const toLaunchApproval = (r: ApprovalColumns): LaunchApproval => ({
  leadId: r.campaign_lead_id,
  step: r.step_index,
  fingerprint: r.step_config_fingerprint,
  subject: r.subject,
  body: r.body,
});

/** A campaign's approved emails, handed to its object at launch (it reads no D1 for them afterwards). */
export async function launchApprovals(d1: D1Database, campaignId: string): Promise<LaunchApproval[]> {
  const { results } = await d1
    .prepare(
      "SELECT campaign_lead_id, step_index, step_config_fingerprint, subject, body FROM ai_approvals WHERE campaign_id = ?",
    )
    .bind(campaignId)
    .all<ApprovalColumns>();
  return results.map(toLaunchApproval);
}

/**
 * After an approve, unapprove or reset of a launched campaign's lead: the lead's approvals as D1 now
 * holds them replace the object's copy, before the API answers (a send after the answer sees them).
 */
export async function pushLeadApprovals(
  env: Env,
  campaign: { id: string; status: string; stepsConfig: { step: number }[] },
  leadId: string,
): Promise<void> {
  if (!isLive(campaign.status)) return;
  const { results } = await env.DB.prepare(
    "SELECT campaign_lead_id, step_index, step_config_fingerprint, subject, body FROM ai_approvals WHERE campaign_id = ? AND campaign_lead_id = ?",
  )
    .bind(campaign.id, leadId)
    .all<ApprovalColumns>();
  await campaignStub(env, campaign.id).applyApprovals({
    leadId,
    steps: campaign.stepsConfig.map((s) => s.step),
    approvals: results.map(toLaunchApproval),
  });
}
