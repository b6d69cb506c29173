import { PersonalizePreviewRequest, PersonalizePreviewResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { INTERACTIVE_RETRY } from "../../ai/generate";
import { personalize } from "../../ai/personalize";
import { choosePrompt, senderFacts } from "../../ai/prompt";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { personalizeError, requireAiRuntime } from "../ai/runtime";
import { previewLead, previewSenderData } from "./inputs";

const route = createRoute({
  method: "post",
  path: "/api/v1/personalize/preview",
  tags: ["AI personalization"],
  summary: "Sync preview of a personalized email for a single lead",
  description:
    "Generates (or reads from the store, for inputs seen before) one email for `lead_data` or a dataset row. Prompt: `custom_prompt`, else the sender profile's `sender_data.custom_prompt`, else the built-in one (`prompt_source`). Lead and sender data reach the model as data, never as instructions. 409 AI_NOT_CONFIGURED without a provider; 429 AI_DAILY_BUDGET_EXHAUSTED; 502 AI_GENERATION_FAILED when the provider fails after its retries or answers unusable output twice.",
  request: {
    body: { content: { "application/json": { schema: PersonalizePreviewRequest } }, required: true },
  },
  responses: {
    200: {
      description: "The generated email",
      content: { "application/json": { schema: PersonalizePreviewResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
    415: errorResponses[415],
    502: errorResponses[502],
  },
});

export function registerPersonalizePreview(app: App) {
  app.openapi(route, async (c) => {
    const userId = c.get("userId");
    const db = getDb(c.env.DB);
    const request = c.req.valid("json");
    const runtime = await requireAiRuntime(c.env, userId);
    const [lead, senderData] = await Promise.all([
      previewLead(db, userId, request),
      previewSenderData(db, userId, request),
    ]);
    const prompt = choosePrompt({ custom: request.custom_prompt, senderData });
    const started = Date.now();
    const result = await personalize(
      runtime,
      {
        campaignId: null,
        stepIndex: null,
        purpose: "preview",
        prompt,
        input: {
          lead,
          sender: senderFacts(senderData),
          researchContext: request.research_context ?? null,
          baseEmail: null,
          sequence: null,
        },
        stepConfigFingerprint: null,
      },
      INTERACTIVE_RETRY,
    );
    if (!result.ok) throw personalizeError(result);
    const g = result.generation;
    return c.json(
      {
        subject: g.subject,
        email_body: g.body,
        prompt_source: prompt.source,
        model_used: g.model,
        latency_ms: Date.now() - started,
        prompt_version_hash: result.promptVersionHash,
        from_cache: result.fromCache,
        tokens_in: result.fromCache ? 0 : g.tokens_in,
        tokens_out: result.fromCache ? 0 : g.tokens_out,
      },
      200,
    );
  });
}
