import { WebhookIdParam } from "@cadence/contract";
import { webhookDeliveries, webhooks } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { pushWebhooksChanged } from "../../campaign/worker/live-push";
import { commonErrors, errorResponses, notFound } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";

const route = createRoute({
  method: "delete",
  path: "/api/v1/webhooks/{webhook_id}",
  tags: ["Webhooks"],
  summary: "Delete a webhook and its delivery log",
  description: "Pending retries are dropped.",
  request: { params: WebhookIdParam },
  responses: {
    204: { description: "Deleted" },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerDeleteWebhook(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { webhook_id } = c.req.valid("param");
    // One batch: the log goes with the webhook. The dispatcher drops pending deliveries whose
    // webhook is gone, and never writes log rows for one.
    const [deleted] = await db.batch([
      db
        .delete(webhooks)
        .where(and(eq(webhooks.id, webhook_id), eq(webhooks.userId, userId)))
        .returning({ id: webhooks.id }),
      db
        .delete(webhookDeliveries)
        .where(and(eq(webhookDeliveries.webhookId, webhook_id), eq(webhookDeliveries.userId, userId))),
    ]);
    if (deleted.length === 0) throw notFound("Webhook");
    await pushWebhooksChanged(c.env, c.get("userId"));
    return c.body(null, 204);
  });
}
