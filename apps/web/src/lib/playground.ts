import type { Campaign, components } from "@cadence/sdk";

type Schemas = components["schemas"];
export type PlaygroundDraft = Schemas["PlaygroundDraft"];
export type PlaygroundStatus = Schemas["PlaygroundStatusResponse"];
export type PlaygroundLeadState = Schemas["PlaygroundLeadState"];
export type LeadApproval = Schemas["LeadApprovalResponse"];
export type CampaignApproval = Schemas["CampaignApproval"];

/**
 * The steps whose emails a model writes (the API's rule): an email step with a PERSONALIZATION variant,
 * or with `ai_personalization_enabled`.
 */
export function personalizedSteps(campaign: Campaign): number[] {
  return campaign.steps_config
    .filter(
      (s) =>
        (s.channel ?? "email") === "email" &&
        (s.ai_personalization_enabled || s.variants.some((v) => v.type === "PERSONALIZATION")),
    )
    .map((s) => s.step);
}

/** Whether a batch still has leads queued or being drafted. */
export const batchRunning = (status: PlaygroundStatus) =>
  status.batch_id !== null && status.overall.pending + status.overall.running > 0;

/** The dashboard path of a campaign's draft review. */
export const playgroundPath = (campaignId: string) => `/campaigns/${campaignId}/playground`;

/** `ada@example.com`, else the row number: how a draft names its lead. */
export function leadName(rowIndex: number, emails: Map<number, string>): string {
  return emails.get(rowIndex) ?? `row ${rowIndex}`;
}

/**
 * The campaign's stored approvals as the review page keeps them: per lead, every approved step and
 * the entry of `stepIndex` (the batch's step), the shape approve, unapprove and reset answer with.
 */
export function approvalsByLead(
  campaignId: string,
  stepIndex: number,
  items: readonly CampaignApproval[],
): Map<string, LeadApproval> {
  const byLead = new Map<string, LeadApproval>();
  for (const item of items) {
    const { campaign_lead_id, row_index: _row, ...entry } = item;
    const known = byLead.get(campaign_lead_id) ?? {
      campaign_id: campaignId,
      campaign_lead_id,
      updated_at: item.approved_at,
      step_index: stepIndex,
      approved_steps: [],
      approved_entry: null,
    };
    known.approved_steps.push(item.step_index);
    if (item.step_index === stepIndex) known.approved_entry = entry;
    if (item.approved_at > known.updated_at) known.updated_at = item.approved_at;
    byLead.set(campaign_lead_id, known);
  }
  return byLead;
}
