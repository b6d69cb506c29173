import type { LaunchWarning, Step, ValidationIssue } from "@cadence/contract";
import type { BaseEnv } from "../base-env";
import { campaignLeadId, type TemplateSnapshot, variantFor } from "../campaign/sequence";
import { approvalFingerprints } from "./approvals-store";
import { aiNotConfiguredMessage, resolveAiSettings } from "./config";
import { stepConfigFingerprint } from "./fingerprint";
import { isPersonalizedVariant, stepHasPersonalization } from "./personalized";

export interface AiLaunchCampaign {
  id: string;
  userId: string;
  stepsConfig: Step[];
  unreviewedLaunchPolicy: string;
}

export interface AiLaunchCheckResult {
  warnings: LaunchWarning[];
  errors: ValidationIssue[];
}

/**
 * The AI part of preflight, fed the launchable rows one by one (`addRow`, cheap and synchronous, from
 * the same loop that classifies rows), then `finish()`: for each personalized email step, how many of
 * its leads have no approved email matching the step's current configuration (one
 * UNREVIEWED_PERSONALIZATION warning per step), and the blocking reason AI_NOT_CONFIGURED when some
 * lead would need generation and the user has no usable provider.
 */
export function startAiLaunchCheck(
  env: BaseEnv,
  campaign: AiLaunchCampaign,
  templates: ReadonlyMap<string, TemplateSnapshot>,
) {
  const steps = campaign.stepsConfig.filter(stepHasPersonalization);
  /** Per personalized step: the rows whose variant there is personalized, with the variant's label. */
  const rowsByStep = new Map<number, { rowIndex: number; label: string }[]>(steps.map((s) => [s.step, []]));
  return {
    addRow(rowIndex: number): void {
      for (const step of steps) {
        const variant = variantFor(campaign.id, rowIndex, step);
        if (isPersonalizedVariant(step, variant))
          rowsByStep.get(step.step)!.push({ rowIndex, label: variant.label });
      }
    },
    async finish(): Promise<AiLaunchCheckResult> {
      const warnings: LaunchWarning[] = [];
      const errors: ValidationIssue[] = [];
      if (![...rowsByStep.values()].some((rows) => rows.length > 0)) return { warnings, errors };
      const approvals = await approvalFingerprints(env.DB, campaign.id);
      const leadIds = new Map<number, string>();
      const needGeneration: number[] = [];
      for (const step of steps) {
        const rows = rowsByStep.get(step.step)!;
        if (rows.length === 0) continue;
        // The fingerprint depends on the variant, not the lead: one per label.
        const fingerprints = new Map<string, string>();
        for (const v of step.variants) {
          const template = v.template_id ? (templates.get(v.template_id) ?? null) : null;
          fingerprints.set(v.label, await stepConfigFingerprint(step, v, template));
        }
        let unapproved = 0;
        for (const { rowIndex, label } of rows) {
          if (approvals.size === 0) {
            unapproved++;
            continue;
          }
          let leadId = leadIds.get(rowIndex);
          if (!leadId) {
            leadId = await campaignLeadId(campaign.id, rowIndex);
            leadIds.set(rowIndex, leadId);
          }
          if (approvals.get(`${leadId}:${step.step}`) !== fingerprints.get(label)) unapproved++;
        }
        if (unapproved === 0) continue;
        needGeneration.push(step.step);
        warnings.push({
          code: "UNREVIEWED_PERSONALIZATION",
          message: `step ${step.step}: ${unapproved} of ${rows.length} personalized leads have no approved email (unreviewed_launch_policy ${campaign.unreviewedLaunchPolicy}); review them with POST .../playground/generate and .../leads/{campaign_lead_id}/approve`,
          row_index: null,
          step: step.step,
          field: "steps_config",
        });
      }
      if (needGeneration.length > 0) {
        const ai = await resolveAiSettings(env, campaign.userId);
        if (!ai.ok) {
          const index = campaign.stepsConfig.findIndex((s) => s.step === needGeneration[0]);
          errors.push({
            loc: ["campaign", "steps_config", index],
            msg: `step${needGeneration.length > 1 ? "s" : ""} ${needGeneration.join(", ")} need${needGeneration.length > 1 ? "" : "s"} AI generation: ${aiNotConfiguredMessage(ai.problem)}`,
            type: "AI_NOT_CONFIGURED",
          });
        }
      }
      return { warnings, errors };
    },
  };
}
export type AiLaunchCheck = ReturnType<typeof startAiLaunchCheck>;
