import type { Step, Variant } from "@cadence/contract";
import { leadSeed, type TemplateSnapshot, variantFor } from "../campaign/sequence";
import { stepConfigFingerprint } from "./fingerprint";
import type { PersonalizeJob } from "./personalize";
import { isPersonalizedVariant } from "./personalized";
import { baseEmailFor, choosePrompt, senderFacts } from "./prompt";

/** Sender profiles of a user, for the `<sender_data>` of campaign leads. */
export interface SenderProfiles {
  byId: ReadonlyMap<string, Record<string, unknown>>;
  defaultData: Record<string, unknown> | null;
}

/** The user's sender profiles (raw D1: the campaign object can call it too). */
export async function loadSenderProfiles(d1: D1Database, userId: string): Promise<SenderProfiles> {
  const { results } = await d1
    .prepare("SELECT id, sender_data, is_default FROM sender_profiles WHERE user_id = ?")
    .bind(userId)
    .all<{ id: string; sender_data: string; is_default: number }>();
  const byId = new Map<string, Record<string, unknown>>();
  let defaultData: Record<string, unknown> | null = null;
  for (const r of results) {
    const data = JSON.parse(r.sender_data) as Record<string, unknown>;
    byId.set(r.id, data);
    if (r.is_default) defaultData = data;
  }
  return { byId, defaultData };
}

/** A variant's sender data: its own profile, else the user's default profile, else nothing. */
export function senderDataFor(profiles: SenderProfiles, senderProfileId: string | null | undefined) {
  return (senderProfileId ? profiles.byId.get(senderProfileId) : undefined) ?? profiles.defaultData ?? {};
}

/** What a campaign's personalized emails are made from, apart from each lead. */
export interface CampaignAiContext {
  campaignId: string;
  datasetId: string;
  systemPrompt: string | null;
  steps: readonly Step[];
  templates: ReadonlyMap<string, TemplateSnapshot>;
  senders: SenderProfiles;
  /** The playground's `custom_prompt`; null at send time. */
  customPrompt: string | null;
}

export interface CampaignLeadStep {
  variant: Variant;
  /** The step's configuration for this lead's variant: what an approval must still match. */
  stepConfigFingerprint: string;
  /** What to personalize, or null when the lead's variant at this step is not personalized. */
  job: PersonalizeJob | null;
}

/**
 * One campaign lead at one step: its variant (the same weighted, deterministic choice the campaign
 * object makes), the step-config fingerprint, and, when the variant is personalized, the job for
 * `personalize` (prompt by the hierarchy, lead and sender data, the template rendered for the lead
 * as the base email).
 */
export async function campaignLeadStep(
  context: CampaignAiContext,
  lead: { rowIndex: number; data: Record<string, string> },
  step: Step,
  purpose: PersonalizeJob["purpose"],
): Promise<CampaignLeadStep> {
  const variant = variantFor(context.campaignId, lead.rowIndex, step);
  const template = variant.template_id ? (context.templates.get(variant.template_id) ?? null) : null;
  const fingerprint = await stepConfigFingerprint(step, variant, template);
  if (!isPersonalizedVariant(step, variant))
    return { variant, stepConfigFingerprint: fingerprint, job: null };
  const senderData = senderDataFor(context.senders, variant.sender_profile_id);
  return {
    variant,
    stepConfigFingerprint: fingerprint,
    job: {
      campaignId: context.campaignId,
      stepIndex: step.step,
      purpose,
      prompt: choosePrompt({ custom: context.customPrompt, campaign: context.systemPrompt, senderData }),
      input: {
        lead: lead.data,
        sender: senderFacts(senderData),
        researchContext: null,
        baseEmail: template
          ? baseEmailFor(template, lead.data, leadSeed(context.datasetId, lead.rowIndex))
          : null,
        sequence: { step: step.step, steps: context.steps.length },
      },
      stepConfigFingerprint: fingerprint,
    },
  };
}
