import { ApproveLeadRequest, CampaignLeadParams, LeadApprovalResponse } from "@cadence/contract";
import { templates } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { loadSenderProfiles, senderDataFor } from "../../ai/campaign-lead";
import { modelSettingsOf, resolveAiSettings } from "../../ai/config";
import { leadIdentityFingerprint, stepConfigFingerprint } from "../../ai/fingerprint";
import { emailContentProblem } from "../../ai/output";
import { isPersonalizedVariant } from "../../ai/personalized";
import { choosePrompt, promptVersionHash } from "../../ai/prompt";
import { variantFor } from "../../campaign/sequence";
import { pushLeadApprovals } from "../../campaign/worker/ai-approvals";
import { ApiError, commonErrors, errorResponses, validationError } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "../campaigns/load";
import { personalizedStep } from "../playground/context";
import { leadApprovalResponse, resolveCampaignLead } from "./load";

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/approve",
  tags: ["Playground"],
  summary: "Approve Lead Email",
  description:
    "Freezes the lead's email for one step: it is sent byte for byte (only `{{ unsubscribe_url }}` is filled in) while the step's variant, template and sender profile for this lead are unchanged. `variant_label` must be the lead's assigned variant for the step. With `expected_step_config_fingerprint` (the draft's `step_config_fingerprint`), a step changed since the draft is 422 STEP_CONFIG_CHANGED. Approving again replaces the approval. Subject and body must be sendable: non-empty, no unrendered merge tags.",
  request: {
    params: CampaignLeadParams,
    body: { content: { "application/json": { schema: ApproveLeadRequest } }, required: true },
  },
  responses: {
    200: {
      description: "The lead's approvals",
      content: { "application/json": { schema: LeadApprovalResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    415: errorResponses[415],
  },
});

export function registerApproveLead(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { campaign_id, campaign_lead_id } = c.req.valid("param");
    const request = c.req.valid("json");
    const campaign = await loadCampaign(db, userId, campaign_id);
    const step = personalizedStep(campaign, request.step_index, ["body", "step_index"]);
    const lead = await resolveCampaignLead(c.env.DB, campaign, campaign_lead_id);
    const variant = variantFor(campaign.id, lead.rowIndex, step);
    if (variant.label !== request.variant_label) {
      throw validationError([
        {
          loc: ["body", "variant_label"],
          msg: `this lead is assigned variant '${variant.label}' at step ${step.step}`,
          type: "variant_mismatch",
        },
      ]);
    }
    if (!isPersonalizedVariant(step, variant)) {
      throw validationError([
        {
          loc: ["body", "variant_label"],
          msg: `variant '${variant.label}' of step ${step.step} is not AI-personalized: it sends its template`,
          type: "not_personalized",
        },
      ]);
    }
    const template = variant.template_id
      ? ((await db
          .select({ subject: templates.subject, body: templates.body })
          .from(templates)
          .where(and(eq(templates.id, variant.template_id), eq(templates.userId, userId)))
          .get()) ?? null)
      : null;
    const fingerprint = await stepConfigFingerprint(step, variant, template);
    if (
      request.expected_step_config_fingerprint &&
      request.expected_step_config_fingerprint !== fingerprint
    ) {
      throw new ApiError(
        "STEP_CONFIG_CHANGED",
        `Step ${step.step} changed since this draft was made (its variant, template or sender profile for this lead): generate a new draft and approve that`,
        [
          {
            loc: ["body", "expected_step_config_fingerprint"],
            msg: `the step's fingerprint is now ${fingerprint}`,
            type: "fingerprint_mismatch",
          },
        ],
      );
    }
    const problem = emailContentProblem(request.subject, request.body);
    if (problem) {
      throw validationError([
        { loc: ["body", problem.includes("subject") ? "subject" : "body"], msg: problem, type: "unsendable" },
      ]);
    }

    // The prompt this approval stands for, when the client did not send it: the hierarchy resolved now.
    const senderData = senderDataFor(await loadSenderProfiles(c.env.DB, userId), variant.sender_profile_id);
    const prompt = choosePrompt({
      custom: request.custom_prompt,
      campaign: campaign.systemPrompt,
      senderData,
    });
    const promptText = request.prompt_snapshot ?? prompt.text;
    const ai = await resolveAiSettings(c.env, userId);
    const version = ai.ok ? await promptVersionHash(promptText, modelSettingsOf(ai.settings)) : null;
    const now = Date.now();
    await c.env.DB.prepare(
      `INSERT INTO ai_approvals (campaign_id, campaign_lead_id, step_index, user_id, row_index, variant_label, subject,
         body, step_config_fingerprint, lead_identity_fingerprint, prompt_snapshot, prompt_version_hash,
         sender_profile_id, template_id, model, generation_latency_ms, approved_by, approved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (campaign_id, campaign_lead_id, step_index) DO UPDATE SET row_index = excluded.row_index,
         variant_label = excluded.variant_label, subject = excluded.subject, body = excluded.body,
         step_config_fingerprint = excluded.step_config_fingerprint,
         lead_identity_fingerprint = excluded.lead_identity_fingerprint, prompt_snapshot = excluded.prompt_snapshot,
         prompt_version_hash = excluded.prompt_version_hash, sender_profile_id = excluded.sender_profile_id,
         template_id = excluded.template_id, model = excluded.model,
         generation_latency_ms = excluded.generation_latency_ms, approved_by = excluded.approved_by,
         approved_at = excluded.approved_at`,
    )
      .bind(
        campaign.id,
        campaign_lead_id,
        step.step,
        userId,
        lead.rowIndex,
        variant.label,
        request.subject,
        request.body,
        fingerprint,
        await leadIdentityFingerprint(lead.data),
        promptText,
        version,
        variant.sender_profile_id ?? null,
        variant.template_id ?? null,
        request.model ?? null,
        request.generation_latency_ms ?? null,
        c.get("apiKeyId"),
        now,
      )
      .run();
    await pushLeadApprovals(c.env, campaign, campaign_lead_id);
    return c.json(await leadApprovalResponse(c.env.DB, campaign.id, campaign_lead_id, step.step, now), 200);
  });
}
