import {
  CampaignIdParam,
  CampaignLeadList,
  CapturedMessageList,
  LeadEventList,
  LeadIdParams,
  LeadListQuery,
  MessageListQuery,
  ScheduleQuery,
  ScheduleResponse,
  StatsResponse,
} from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { aiUsageByStep } from "../../ai/store";
import type { LeadEventView } from "../../campaign/types";
import { campaignStub } from "../../campaign/worker/stub";
import { commonErrors, errorResponses, notFound } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "./load";

// The campaign object is the source of truth for what was and will be sent; these read it directly.

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const scheduleRoute = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}/schedule",
  tags: ["Sending"],
  summary: "The plan: next planned actions, why nothing is sending now, projected finish",
  description:
    "Computed by the same code that decides real sends. `not_sending_reason` is one of outside_window, not_a_send_day, daily_limit_reached, waiting_min_interval, waiting_for_delay, paused, scheduled_start, launching, no_pending_leads.",
  request: { params: CampaignIdParam, query: ScheduleQuery },
  responses: { 200: json(ScheduleResponse, "The plan"), ...commonErrors, 404: errorResponses[404] },
});

const statsRoute = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}/stats",
  tags: ["Sending"],
  summary: "Totals, per step and per variant",
  request: { params: CampaignIdParam },
  responses: { 200: json(StatsResponse, "Campaign statistics"), ...commonErrors, 404: errorResponses[404] },
});

const leadsRoute = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}/leads",
  tags: ["Sending"],
  summary: "Campaign leads with their state",
  request: { params: CampaignIdParam, query: LeadListQuery },
  responses: { 200: json(CampaignLeadList, "A page of leads"), ...commonErrors, 404: errorResponses[404] },
});

const eventsRoute = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/events",
  tags: ["Sending"],
  summary: "A lead's timeline",
  request: { params: LeadIdParams },
  responses: { 200: json(LeadEventList, "The lead's events"), ...commonErrors, 404: errorResponses[404] },
});

const messagesRoute = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}/messages",
  tags: ["Sending"],
  summary: "Messages captured by the capture transport (extension)",
  request: { params: CampaignIdParam, query: MessageListQuery },
  responses: {
    200: json(CapturedMessageList, "A page of captured messages"),
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerCampaignVisibility(app: App) {
  app.openapi(scheduleRoute, async (c) => {
    const { campaign_id } = c.req.valid("param");
    await loadCampaign(getDb(c.env.DB), c.get("userId"), campaign_id);
    return c.json(await campaignStub(c.env, campaign_id).schedule(c.req.valid("query").limit), 200);
  });
  app.openapi(statsRoute, async (c) => {
    const { campaign_id } = c.req.valid("param");
    await loadCampaign(getDb(c.env.DB), c.get("userId"), campaign_id);
    const [stats, perStep] = await Promise.all([
      campaignStub(c.env, campaign_id).stats(),
      aiUsageByStep(c.env.DB, campaign_id, "send"),
    ]);
    return c.json({ ...stats, ai: { per_step: perStep } }, 200);
  });
  app.openapi(leadsRoute, async (c) => {
    const { campaign_id } = c.req.valid("param");
    await loadCampaign(getDb(c.env.DB), c.get("userId"), campaign_id);
    const q = c.req.valid("query");
    const page = await campaignStub(c.env, campaign_id).leads(q);
    return c.json({ ...page, offset: q.offset, limit: q.limit }, 200);
  });
  app.openapi(eventsRoute, async (c) => {
    const { campaign_id, campaign_lead_id } = c.req.valid("param");
    await loadCampaign(getDb(c.env.DB), c.get("userId"), campaign_id);
    // Event data is JSON the object wrote itself; RPC typing cannot express `unknown` values.
    const events = (await campaignStub(c.env, campaign_id).leadEvents(campaign_lead_id)) as
      | LeadEventView[]
      | null;
    if (!events) throw notFound("Campaign lead");
    return c.json({ campaign_lead_id, events }, 200);
  });
  app.openapi(messagesRoute, async (c) => {
    const { campaign_id } = c.req.valid("param");
    await loadCampaign(getDb(c.env.DB), c.get("userId"), campaign_id);
    const q = c.req.valid("query");
    const page = await campaignStub(c.env, campaign_id).messages({
      offset: q.offset,
      limit: q.limit,
      leadId: q.campaign_lead_id,
    });
    return c.json({ ...page, offset: q.offset, limit: q.limit }, 200);
  });
}
