import type { Campaign, components } from "@cadence/sdk";

type Schemas = components["schemas"];
export type PlaygroundDraft = Schemas["PlaygroundDraft"];
export type PlaygroundStatus = Schemas["PlaygroundStatusResponse"];
export type PlaygroundLeadState = Schemas["PlaygroundLeadState"];
export type LeadApproval = Schemas["LeadApprovalResponse"];

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
