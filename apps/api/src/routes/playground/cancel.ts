import { CampaignIdParam, PlaygroundCancelRequest, PlaygroundCancelResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "../campaigns/load";
import { loadBatch, playgroundStub } from "./context";

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{campaign_id}/playground/cancel",
  tags: ["Playground"],
  summary: "Playground Cancel",
  description:
    "Cancels the batch's leads that have not started (`cancelled_count`); leads being drafted finish and keep their drafts. Cancelling a finished batch cancels nothing.",
  request: {
    params: CampaignIdParam,
    body: { content: { "application/json": { schema: PlaygroundCancelRequest } }, required: true },
  },
  responses: {
    200: {
      description: "What was cancelled",
      content: { "application/json": { schema: PlaygroundCancelResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    415: errorResponses[415],
  },
});

export function registerPlaygroundCancel(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const { campaign_id } = c.req.valid("param");
    const { batch_id } = c.req.valid("json");
    const campaign = await loadCampaign(db, c.get("userId"), campaign_id);
    const batch = await loadBatch(db, campaign.id, batch_id);
    const cancelled = await playgroundStub(c.env, campaign.id).cancel(batch.id);
    return c.json({ campaign_id: campaign.id, batch_id: batch.id, cancelled_count: cancelled }, 200);
  });
}
