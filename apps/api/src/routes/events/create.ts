import { InboundEvent, InboundEventResult } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { applyInboundEvent } from "../../campaign/worker/inbound";
import { commonErrors, errorResponses } from "../../errors";
import type { App } from "../../router";

const route = createRoute({
  method: "post",
  path: "/api/v1/events",
  tags: ["Events"],
  summary: "Record an inbound event about a lead (reply, bounce, unsubscribe, complaint)",
  description:
    "Stops the lead's remaining steps at once, including a step already due. By `campaign_lead_id`, or by `email` (within `campaign_id`, or across every live campaign of the user). Unsubscribes and complaints also suppress the address.",
  request: { body: { content: { "application/json": { schema: InboundEvent } }, required: true } },
  responses: {
    200: { description: "Applied", content: { "application/json": { schema: InboundEventResult } } },
    ...commonErrors,
    404: errorResponses[404],
    415: errorResponses[415],
  },
});

export function registerCreateEvent(app: App) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const result = await applyInboundEvent(c.env, c.get("userId"), {
      type: body.type,
      campaignLeadId: body.campaign_lead_id,
      email: body.email?.trim().toLowerCase(),
      campaignId: body.campaign_id,
    });
    return c.json(result, 200);
  });
}
