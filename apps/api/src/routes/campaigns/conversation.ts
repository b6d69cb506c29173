import { Conversation, LeadIdParams, toTimestamp } from "@cadence/contract";
import { createRoute, type z } from "@hono/zod-openapi";
import type { LeadEventView, MessageView } from "../../campaign/types";
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
    "Outbound items come from the campaign's own record of its sends (`sent` and `failed`, with the text when the alias captures messages, the subject and Message-ID when Cadence recorded them); inbound items are the lead's messages in the inbox, with their classification as `status`.",
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
    // Event data is JSON the object wrote itself; RPC typing cannot express `unknown` values.
    const events = (await stub.leadEvents(campaign_lead_id)) as LeadEventView[] | null;
    if (!events) throw notFound("Campaign lead");
    const [captured, sentRows, inboundRows, lead] = await Promise.all([
      stub.messages({ offset: 0, limit: 200, leadId: campaign_lead_id }) as Promise<{ items: MessageView[] }>,
      c.env.DB.prepare(
        "SELECT message_id, step, subject FROM sent_messages WHERE campaign_lead_id = ? AND user_id = ?",
      )
        .bind(campaign_lead_id, userId)
        .all<{ message_id: string; step: number; subject: string | null }>(),
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
    const capturedByStep = new Map(
      captured.items.filter((m) => m.channel === "email").map((m) => [m.step, m]),
    );
    const sentByStep = new Map(sentRows.results.map((r) => [r.step, r]));
    const items: Item[] = [];
    for (const e of events) {
      if ((e.type !== "sent" && e.type !== "failed") || e.step === null) continue;
      const kept = capturedByStep.get(e.step);
      const recorded = sentByStep.get(e.step);
      items.push({
        direction: "outbound",
        at: e.at,
        step: e.step,
        subject: kept?.subject ?? recorded?.subject ?? null,
        text: kept?.text ?? null,
        message_id:
          (e.type === "sent" ? (kept?.headers["Message-ID"] ?? recorded?.message_id) : null) ?? null,
        status: e.type,
        inbound_message_id: null,
      });
    }
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
