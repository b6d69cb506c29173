import { CampaignIdParam, PreflightResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { runPreflight } from "../../campaign/worker/preflight";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "./load";

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{campaign_id}/preflight",
  tags: ["Launch"],
  summary: "Check a campaign for launch without changing anything",
  description:
    "Returns the launch summary, every warning (row-level and campaign-level) and the blocking reasons (`errors`) a launch would meet. No side effects.",
  request: { params: CampaignIdParam },
  responses: {
    200: { description: "The launch check", content: { "application/json": { schema: PreflightResponse } } },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerPreflightCampaign(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const campaign = await loadCampaign(db, c.get("userId"), c.req.valid("param").campaign_id);
    const result = await runPreflight(db, c.env, campaign);
    return c.json({ summary: result.summary, warnings: result.warnings, errors: result.errors }, 200);
  });
}
