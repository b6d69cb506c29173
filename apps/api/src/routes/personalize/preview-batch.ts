import { BatchPreviewDone, BatchPreviewLeadResult, BatchPreviewRequest } from "@cadence/contract";
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { INTERACTIVE_RETRY } from "../../ai/generate";
import { personalize } from "../../ai/personalize";
import { choosePrompt, senderFacts } from "../../ai/prompt";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import { log } from "../../lib/log";
import type { App } from "../../router";
import { requireAiRuntime } from "../ai/runtime";
import { previewLead, previewSenderData } from "./inputs";

/** Leads generated at once: results stream as each completes, so a slow lead holds up none of the others. */
const BATCH_CONCURRENCY = 4;

const route = createRoute({
  method: "post",
  path: "/api/v1/personalize/preview/batch",
  tags: ["AI personalization"],
  summary: "Batch preview (SSE): up to 25 leads, streamed as they complete",
  description:
    "Answers `text/event-stream`: one `lead_result` event per lead as it completes (data: BatchPreviewLeadResult, `index` = its position in `leads`), then one `done` event (data: BatchPreviewDone). Every event echoes `client_run_id` as `batch_id`, so a client can drop events of an older run. A lead that fails is a `lead_result` with `status: error`; the stream goes on. 409 AI_NOT_CONFIGURED (before any event) when there is no provider.",
  request: { body: { content: { "application/json": { schema: BatchPreviewRequest } }, required: true } },
  responses: {
    200: {
      description: "Server-Sent Events: `lead_result` per lead, then `done`",
      content: { "text/event-stream": { schema: z.string() } },
    },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
    415: errorResponses[415],
  },
});

export function registerPersonalizePreviewBatch(app: App) {
  app.openAPIRegistry.register("BatchPreviewLeadResult", BatchPreviewLeadResult);
  app.openAPIRegistry.register("BatchPreviewDone", BatchPreviewDone);
  app.openapi(route, async (c) => {
    const userId = c.get("userId");
    const db = getDb(c.env.DB);
    const request = c.req.valid("json");
    // Configuration and sender problems answer before the stream starts, as plain errors.
    const runtime = await requireAiRuntime(c.env, userId);
    const senderData = await previewSenderData(db, userId, request);
    const prompt = choosePrompt({
      custom: request.custom_prompt,
      senderData,
      activePromptName: request.active_prompt_name,
    });
    const batchId = request.client_run_id;

    const one = async (index: number): Promise<BatchPreviewLeadResult> => {
      const leadRequest = request.leads[index]!;
      const started = Date.now();
      const base = { batch_id: batchId, index, row_index: leadRequest.row_index ?? null };
      const failed = (code: string, message: string): BatchPreviewLeadResult => ({
        ...base,
        status: "error",
        subject: null,
        email_body: null,
        prompt_source: null,
        model_used: null,
        latency_ms: Date.now() - started,
        from_cache: false,
        error: { code, message },
      });
      try {
        const lead = await previewLead(db, userId, leadRequest);
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
              researchContext: null,
              baseEmail: null,
              sequence: null,
            },
            stepConfigFingerprint: null,
          },
          INTERACTIVE_RETRY,
        );
        if (!result.ok) return failed(result.code, result.message);
        return {
          ...base,
          status: "ok",
          subject: result.generation.subject,
          email_body: result.generation.body,
          prompt_source: prompt.source,
          model_used: result.generation.model,
          latency_ms: Date.now() - started,
          from_cache: result.fromCache,
          error: null,
        };
      } catch (err) {
        if (err instanceof ApiError) return failed(err.code, err.message);
        log("error", "batch preview lead failed", {
          request_id: c.get("requestId"),
          index,
          error: err instanceof Error ? err.message : String(err),
        });
        return failed("INTERNAL_ERROR", "Internal error; quote the request_id when reporting it");
      }
    };

    return streamSSE(c, async (stream) => {
      let next = 0;
      let succeeded = 0;
      const worker = async () => {
        while (next < request.leads.length && !stream.aborted) {
          const result = await one(next++);
          if (result.status === "ok") succeeded++;
          await stream.writeSSE({
            event: "lead_result",
            id: String(result.index),
            data: JSON.stringify(result),
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, request.leads.length) }, worker));
      const done: BatchPreviewDone = {
        batch_id: batchId,
        total: request.leads.length,
        succeeded,
        failed: request.leads.length - succeeded,
      };
      await stream.writeSSE({ event: "done", data: JSON.stringify(done) });
    }) as never;
  });
}
