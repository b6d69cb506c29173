import { Webhook, WebhookIdParam } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadWebhook } from "./load";
import { serializeWebhook } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/webhooks/{webhook_id}",
  tags: ["Webhooks"],
  summary: "Get a webhook (without its secret)",
  request: { params: WebhookIdParam },
  responses: {
    200: { description: "The webhook", content: { "application/json": { schema: Webhook } } },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerGetWebhook(app: App) {
  app.openapi(route, async (c) => {
    const row = await loadWebhook(getDb(c.env.DB), c.get("userId"), c.req.valid("param").webhook_id);
    return c.json(serializeWebhook(row), 200);
  });
}
