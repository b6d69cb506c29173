import { CampaignLeadParams, LeadApprovalResponse, UnapproveLeadRequest } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { pushLeadApprovals } from "../../campaign/worker/ai-approvals";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "../campaigns/load";
import { leadApprovalResponse, resolveCampaignLead } from "./load";

const route = createRoute({
  method: "post",
  path: "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/unapprove",
  tags: ["Playground"],
  summary: "Unapprove Lead Email",
  description:
    "Clears the lead's approved email for one step: the step then follows `unreviewed_launch_policy` for this lead. Clearing a step that was not approved changes nothing.",
  request: {
    params: CampaignLeadParams,
    body: { content: { "application/json": { schema: UnapproveLeadRequest } }, required: true },
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

export function registerUnapproveLead(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const { campaign_id, campaign_lead_id } = c.req.valid("param");
    const { step_index } = c.req.valid("json");
    const campaign = await loadCampaign(db, c.get("userId"), campaign_id);
    await resolveCampaignLead(c.env.DB, campaign, campaign_lead_id);
    await c.env.DB.prepare(
      "DELETE FROM ai_approvals WHERE campaign_id = ? AND campaign_lead_id = ? AND step_index = ?",
    )
      .bind(campaign.id, campaign_lead_id, step_index)
      .run();
    await pushLeadApprovals(c.env, campaign, campaign_lead_id);
    return c.json(
      await leadApprovalResponse(c.env.DB, campaign.id, campaign_lead_id, step_index, Date.now()),
      200,
    );
  });
}
