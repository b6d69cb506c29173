import { CampaignLeadParams, LeadApprovalResponse, ResetLeadRequest } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { pushLeadApprovals } from "../../campaign/worker/ai-approvals";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "../campaigns/load";
import { leadApprovalResponse, resolveCampaignLead } from "./load";

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/reset",
  tags: ["Playground"],
  summary: "Reset Lead Approvals",
  description: "Clears the lead's approved emails for `step_indices`; absent or empty clears every step.",
  request: {
    params: CampaignLeadParams,
    body: { content: { "application/json": { schema: ResetLeadRequest } }, required: false },
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

export function registerResetLead(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const { campaign_id, campaign_lead_id } = c.req.valid("param");
    const steps = c.req.valid("json")?.step_indices ?? [];
    const campaign = await loadCampaign(db, c.get("userId"), campaign_id);
    await resolveCampaignLead(c.env.DB, campaign, campaign_lead_id);
    await c.env.DB.prepare(
      `DELETE FROM ai_approvals WHERE campaign_id = ?1 AND campaign_lead_id = ?2
         AND (json_array_length(?3) = 0 OR step_index IN (SELECT value FROM json_each(?3)))`,
    )
      .bind(campaign.id, campaign_lead_id, JSON.stringify(steps))
      .run();
    await pushLeadApprovals(c.env, campaign, campaign_lead_id);
    return c.json(await leadApprovalResponse(c.env.DB, campaign.id, campaign_lead_id, null, Date.now()), 200);
  });
}
