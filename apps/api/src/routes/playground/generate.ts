import { CampaignIdParam, PlaygroundGenerateRequest, PlaygroundGenerateResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { campaignLeadStep } from "../../ai/campaign-lead";
import { modelSettingsOf } from "../../ai/config";
import type { PlaygroundJob } from "../../ai/playground-runner";
import { insertPlaygroundBatch } from "../../ai/playground-store";
import { promptVersionHash } from "../../ai/prompt";
import { campaignLeadId } from "../../campaign/sequence";
import { commonErrors, errorResponses, validationError } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { requireAiRuntime } from "../ai/runtime";
import { loadCampaign } from "../campaigns/load";
import { campaignAiContext, personalizedLeads, personalizedStep, playgroundStub } from "./context";

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{campaign_id}/playground/generate",
  tags: ["Playground"],
  summary: "Playground Generate",
  description:
    "Drafts the step's email for up to `n_leads` of its personalized leads (first dataset rows first, only rows the launch would keep), in the background: at most `AI_PLAYGROUND_CONCURRENCY` at a time, the provider's 429/5xx retried with backoff. Each call is a new batch; follow it with `.../playground/status?batch_id=` and read the drafts with `.../playground/drafts?batch_id=`. Leads are keyed by `campaign_lead_id`, the same id the lead has once launched. Leads whose inputs were drafted before are answered from the store.",
  request: {
    params: CampaignIdParam,
    body: { content: { "application/json": { schema: PlaygroundGenerateRequest } }, required: true },
  },
  responses: {
    200: {
      description: "The batch, queued",
      content: { "application/json": { schema: PlaygroundGenerateResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
    415: errorResponses[415],
  },
});

export function registerPlaygroundGenerate(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { campaign_id } = c.req.valid("param");
    const request = c.req.valid("json");
    const campaign = await loadCampaign(db, userId, campaign_id);
    const step = personalizedStep(campaign, request.step_index, ["body", "step_index"]);
    const runtime = await requireAiRuntime(c.env, userId);
    const context = await campaignAiContext(db, c.env.DB, campaign, request.custom_prompt ?? null);
    const leads = await personalizedLeads(db, c.env.DB, campaign, context.templates, step, request.n_leads);
    if (leads.length === 0) {
      throw validationError([
        {
          loc: ["body", "step_index"],
          msg: `no sendable lead of the dataset gets a personalized variant at step ${step.step}`,
          type: "no_leads",
        },
      ]);
    }
    const jobs: (PlaygroundJob & { rowIndex: number; variantLabel: string })[] = [];
    for (const lead of leads) {
      const prepared = await campaignLeadStep(context, lead, step, "playground");
      if (!prepared.job) continue;
      jobs.push({
        campaignLeadId: await campaignLeadId(campaign.id, lead.rowIndex),
        rowIndex: lead.rowIndex,
        variantLabel: prepared.variant.label,
        job: prepared.job,
      });
    }
    const batchId = crypto.randomUUID();
    const version = await promptVersionHash(jobs[0]!.job.prompt.text, modelSettingsOf(runtime.settings));
    await insertPlaygroundBatch(c.env.DB, {
      batchId,
      userId,
      campaignId: campaign.id,
      stepIndex: step.step,
      customPrompt: request.custom_prompt ?? null,
      promptVersionHash: version,
      items: jobs,
    });
    await playgroundStub(c.env, campaign.id).enqueue({
      batchId,
      userId,
      jobs: jobs.map((j) => ({ campaignLeadId: j.campaignLeadId, job: j.job })),
    });
    return c.json(
      {
        campaign_id: campaign.id,
        step_index: step.step,
        batch_id: batchId,
        enqueued_lead_ids: jobs.map((j) => j.campaignLeadId),
        prompt_version_hash: version,
        total: jobs.length,
      },
      200,
    );
  });
}
