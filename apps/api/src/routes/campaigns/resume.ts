import { CampaignIdParam, CampaignResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { campaignStub } from "../../campaign/worker/stub";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "./load";
import { serializeCampaign, withLiveState } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{campaign_id}/resume",
  tags: ["Campaigns"],
  summary: "Resume a paused campaign exactly where it stopped",
  request: { params: CampaignIdParam },
  responses: {
    200: {
      description: "The resumed campaign",
      content: { "application/json": { schema: CampaignResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export function registerResumeCampaign(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { campaign_id } = c.req.valid("param");
    const campaign = await loadCampaign(db, userId, campaign_id);
    if (campaign.status !== "paused") {
      throw new ApiError(
        "CAMPAIGN_NOT_LIVE",
        `Only a paused campaign can be resumed; this one is ${campaign.status}`,
      );
    }
    const live = await campaignStub(c.env, campaign_id).resume();
    return c.json(serializeCampaign(withLiveState(await loadCampaign(db, userId, campaign_id), live)), 200);
  });
}
