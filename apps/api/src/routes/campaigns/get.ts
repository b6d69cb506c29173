import { CampaignIdParam, CampaignResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "./load";
import { serializeCampaign } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}",
  tags: ["Campaigns"],
  summary: "Get a campaign",
  request: { params: CampaignIdParam },
  responses: {
    200: { description: "The campaign", content: { "application/json": { schema: CampaignResponse } } },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerGetCampaign(app: App) {
  app.openapi(route, async (c) => {
    const row = await loadCampaign(getDb(c.env.DB), c.get("userId"), c.req.valid("param").campaign_id);
    return c.json(serializeCampaign(row), 200);
  });
}
