import { Conversation, LeadIdParams, toTimestamp } from "@cadence/contract";
import { createRoute, type z } from "@hono/zod-openapi";
import { campaignStub } from "../../campaign/worker/stub";
import { commonErrors, errorResponses, notFound } from "../../errors";
import { INBOUND_COLUMNS, type InboundRow } from "../../inbound/store";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadCampaign } from "./load";

type Item = z.infer<typeof Conversation>["items"][number];

const route = createRoute({
  method: "get",
  path: "/api/v1/campaigns/{campaign_id}/leads/{campaign_lead_id}/conversation",
  tags: ["Inbox"],
  summary: "The lead's thread: what was sent and what came back, in order",
  description:
    "Outbound items come from the campaign's own record of its sends (`sent` and `failed`; a sent email with its subject, text and Message-ID); inbound items are the lead's messages in the inbox, with their classification as `status`.",
  request: { params: LeadIdParams },
  responses: {
    200: { description: "The conversation", content: { "application/json": { schema: Conversation } } },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerLeadConversation(app: App) {
  app.openapi(route, async (c) => {
    const { campaign_id, campaign_lead_id } = c.req.valid("param");
    const userId = c.get("userId");
    await loadCampaign(getDb(c.env.DB), userId, campaign_id);
    const stub = campaignStub(c.env, campaign_id);
    const [outbound, inboundRows, lead] = await Promise.all([
      stub.outbound(campaign_lead_id),
      c.env.DB.prepare(
        `SELECT ${INBOUND_COLUMNS} FROM inbound_messages WHERE campaign_lead_id = ? AND user_id = ?
         ORDER BY received_at, rowid LIMIT 500`,
      )
        .bind(campaign_lead_id, userId)
        .all<InboundRow>(),
      c.env.DB.prepare("SELECT email FROM campaign_leads WHERE id = ?")
        .bind(campaign_lead_id)
        .first<{ email: string | null }>(),
    ]);
    if (!outbound) throw notFound("Campaign lead");
    const items: Item[] = outbound.map((m) => ({
      direction: "outbound",
      at: toTimestamp(m.at),
      step: m.step,
      subject: m.subject,
      text: m.text,
      message_id: m.messageId,
      status: m.status,
      inbound_message_id: null,
    }));
    for (const r of inboundRows.results) {
      items.push({
        direction: "inbound",
        at: toTimestamp(r.received_at),
        step: r.step,
        subject: r.subject,
        text: r.text,
        message_id: r.message_id,
        status: r.classification,
        inbound_message_id: r.id,
      });
    }
    // Stable: timestamps have second precision, and what was sent comes before what answers it.
    items.sort(
      (a, b) =>
        a.at.localeCompare(b.at) || (a.direction === b.direction ? 0 : a.direction === "outbound" ? -1 : 1),
    );
    return c.json({ campaign_id, campaign_lead_id, email: lead?.email ?? null, items }, 200);
  });
}
