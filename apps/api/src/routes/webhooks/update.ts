import { Webhook, WebhookIdParam, WebhookUpdate } from "@cadence/contract";
import { webhooks } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { pushWebhooksChanged } from "../../campaign/worker/live-push";
import { commonErrors, errorResponses, notFound } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { assertWebhookUrl, normalizeEvents } from "./load";
import { serializeWebhook } from "./serialize";

const route = createRoute({
  method: "patch",
  path: "/api/v1/webhooks/{webhook_id}",
  tags: ["Webhooks"],
  summary: "Update a webhook's url, events or active flag (omitted = unchanged)",
  description:
    "Retries still pending use the current url and secret. Deactivating a webhook stops new deliveries, and pending retries end as failed.",
  request: {
    params: WebhookIdParam,
    body: { content: { "application/json": { schema: WebhookUpdate } }, required: true },
  },
  responses: {
    200: { description: "The updated webhook", content: { "application/json": { schema: Webhook } } },
    ...commonErrors,
    404: errorResponses[404],
    415: errorResponses[415],
  },
});

export function registerUpdateWebhook(app: App) {
  app.openapi(route, async (c) => {
    const patch = c.req.valid("json");
    const { webhook_id } = c.req.valid("param");
    const set: Partial<typeof webhooks.$inferInsert> = { updatedAt: new Date() };
    if (patch.url !== undefined) set.url = assertWebhookUrl(c.env, patch.url);
    if (patch.events !== undefined) set.events = normalizeEvents(patch.events);
    if (patch.active !== undefined) set.active = patch.active;
    const row = await getDb(c.env.DB)
      .update(webhooks)
      .set(set)
      .where(and(eq(webhooks.id, webhook_id), eq(webhooks.userId, c.get("userId"))))
      .returning()
      .get();
    if (!row) throw notFound("Webhook");
    await pushWebhooksChanged(c.env, c.get("userId"));
    return c.json(serializeWebhook(row), 200);
  });
}
