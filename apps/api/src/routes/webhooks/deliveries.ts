import { WebhookDeliveryList, WebhookDeliveryListQuery, WebhookIdParam } from "@cadence/contract";
import { webhookDeliveries } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, count, desc, eq } from "drizzle-orm";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadWebhook } from "./load";
import { serializeDelivery } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/webhooks/{webhook_id}/deliveries",
  tags: ["Webhooks"],
  summary: "The webhook's delivery log, newest first; filter `status`",
  request: { params: WebhookIdParam, query: WebhookDeliveryListQuery },
  responses: {
    200: {
      description: "A page of deliveries",
      content: { "application/json": { schema: WebhookDeliveryList } },
    },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerListWebhookDeliveries(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { webhook_id } = c.req.valid("param");
    const { offset, limit, status } = c.req.valid("query");
    await loadWebhook(db, userId, webhook_id);
    const where = and(
      eq(webhookDeliveries.webhookId, webhook_id),
      eq(webhookDeliveries.userId, userId),
      status ? eq(webhookDeliveries.status, status) : undefined,
    );
    const [rows, [total]] = await db.batch([
      db
        .select()
        .from(webhookDeliveries)
        .where(where)
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(webhookDeliveries).where(where),
    ]);
    return c.json({ items: rows.map(serializeDelivery), total: total?.n ?? 0, offset, limit }, 200);
  });
}
