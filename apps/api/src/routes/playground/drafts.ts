import {
  CampaignIdParam,
  PlaygroundDraftsQuery,
  PlaygroundDraftsResponse,
  type PromptSource,
  toTimestamp,
} from "@cadence/contract";
import { aiGenerations, aiPlaygroundItems } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "../campaigns/load";
import { loadBatch } from "./context";

const route = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}/playground/drafts",
  tags: ["Playground"],
  summary: "Playground Drafts",
  description:
    "Subject and body of every drafted lead of the batch, with the `step_config_fingerprint` to send back when approving one. Meant to be read once the batch is done (or on request), not polled.",
  request: { params: CampaignIdParam, query: PlaygroundDraftsQuery },
  responses: {
    200: {
      description: "The batch's drafts",
      content: { "application/json": { schema: PlaygroundDraftsResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerPlaygroundDrafts(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const { campaign_id } = c.req.valid("param");
    const { batch_id } = c.req.valid("query");
    const campaign = await loadCampaign(db, c.get("userId"), campaign_id);
    const batch = await loadBatch(db, campaign.id, batch_id);
    const rows = await db
      .select({ item: aiPlaygroundItems, generation: aiGenerations })
      .from(aiPlaygroundItems)
      .innerJoin(aiGenerations, eq(aiGenerations.id, aiPlaygroundItems.generationId))
      .where(eq(aiPlaygroundItems.batchId, batch.id))
      .orderBy(asc(aiPlaygroundItems.rowIndex))
      .all();
    return c.json(
      {
        campaign_id: campaign.id,
        batch_id: batch.id,
        drafts: rows.map(({ item, generation }) => ({
          campaign_lead_id: item.campaignLeadId,
          row_index: item.rowIndex,
          step_index: batch.stepIndex,
          variant_label: item.variantLabel,
          subject: generation.subject,
          body: generation.body,
          generated_at: toTimestamp(generation.createdAt),
          prompt_version_hash: generation.promptVersionHash,
          prompt_source: generation.promptSource as PromptSource,
          step_config_fingerprint: generation.stepConfigFingerprint ?? "",
          model: generation.model,
          from_cache: item.fromCache,
        })),
      },
      200,
    );
  });
}
