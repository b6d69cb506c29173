import { CampaignIdParam, CampaignResponse, isLive, PauseRequest } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { campaignStub } from "../../campaign/worker/stub";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "./load";
import { serializeCampaign, withLiveState } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{campaign_id}/pause",
  tags: ["Campaigns"],
  summary: "Pause a live campaign; once this returns no new action starts",
  request: {
    params: CampaignIdParam,
    body: { content: { "application/json": { schema: PauseRequest } }, required: false },
  },
  responses: {
    200: {
      description: "The paused campaign",
      content: { "application/json": { schema: CampaignResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export function registerPauseCampaign(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { campaign_id } = c.req.valid("param");
    const campaign = await loadCampaign(db, userId, campaign_id);
    if (!isLive(campaign.status)) {
      throw new ApiError("CAMPAIGN_NOT_LIVE", `A ${campaign.status} campaign cannot be paused`);
    }
    const body = c.req.valid("json");
    const live = await campaignStub(c.env, campaign_id).pause(body?.reason ?? null);
    return c.json(serializeCampaign(withLiveState(await loadCampaign(db, userId, campaign_id), live)), 200);
  });
}
