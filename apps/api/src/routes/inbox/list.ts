import { InboxList, InboxQuery } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors } from "../../errors";
import { INBOUND_COLUMNS, type InboundRow, serializeInbound } from "../../inbound/store";
import type { App } from "../../router";

const route = createRoute({
  method: "get",
  path: "/api/v1/inbox",
  tags: ["Inbox"],
  summary: "Inbound messages (replies, automatic replies, bounces, complaints), newest first",
  description:
    "Every message that came back through INBOUND_DOMAIN and was matched to one of your campaigns' emails, with what Cadence read it as (`classification`), how it was matched (`matched_by`) and the facts it found (`details`: an auto-reply's return_date, a bounce's status and recipient...). Filter by `campaign_id`, `campaign_lead_id`, `classification`.",
  request: { query: InboxQuery },
  responses: {
    200: {
      description: "A page of inbound messages",
      content: { "application/json": { schema: InboxList } },
    },
    ...commonErrors,
  },
});

export function registerListInbox(app: App) {
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const where = ["user_id = ?"];
    const args: (string | number)[] = [c.get("userId")];
    if (q.campaign_id) {
      where.push("campaign_id = ?");
      args.push(q.campaign_id);
    }
    if (q.campaign_lead_id) {
      where.push("campaign_lead_id = ?");
      args.push(q.campaign_lead_id);
    }
    if (q.classification) {
      where.push("classification = ?");
      args.push(q.classification);
    }
    const clause = where.join(" AND ");
    const [page, total] = await c.env.DB.batch<InboundRow | { n: number }>([
      c.env.DB.prepare(
        `SELECT ${INBOUND_COLUMNS} FROM inbound_messages WHERE ${clause}
         ORDER BY received_at DESC, rowid DESC LIMIT ? OFFSET ?`,
      ).bind(...args, q.limit, q.offset),
      c.env.DB.prepare(`SELECT count(*) AS n FROM inbound_messages WHERE ${clause}`).bind(...args),
    ]);
    return c.json(
      {
        items: (page!.results as InboundRow[]).map(serializeInbound),
        total: (total!.results[0] as { n: number } | undefined)?.n ?? 0,
        offset: q.offset,
        limit: q.limit,
      },
      200,
    );
  });
}
