import { PaginationQuery, WebhookList } from "@cadence/contract";
import { webhooks } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { count, desc, eq } from "drizzle-orm";
import { commonErrors } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeWebhook } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/webhooks",
  tags: ["Webhooks"],
  summary: "List webhooks, newest first (secrets are never returned)",
  request: { query: PaginationQuery },
  responses: {
    200: { description: "A page of webhooks", content: { "application/json": { schema: WebhookList } } },
    ...commonErrors,
  },
});

export function registerListWebhooks(app: App) {
  app.openapi(route, async (c) => {
    const { offset, limit } = c.req.valid("query");
    const db = getDb(c.env.DB);
    const where = eq(webhooks.userId, c.get("userId"));
    const [rows, [total]] = await db.batch([
      db
        .select()
        .from(webhooks)
        .where(where)
        .orderBy(desc(webhooks.createdAt), desc(webhooks.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(webhooks).where(where),
    ]);
    return c.json({ items: rows.map(serializeWebhook), total: total?.n ?? 0, offset, limit }, 200);
  });
}
