import { WebhookIdParam, WebhookWithSecret } from "@cadence/contract";
import { webhooks } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { commonErrors, errorResponses, notFound } from "../../errors";
import { getDb } from "../../lib/db";
import { encryptSecret } from "../../lib/secrets";
import type { App } from "../../router";
import { newWebhookSecret } from "../../webhooks/signature";
import { serializeWebhook } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/webhooks/{webhook_id}/rotate-secret",
  tags: ["Webhooks"],
  summary: "Replace the signing secret; the new one is in this response only",
  description:
    "Takes effect at once: every delivery attempt from now on, including retries of earlier events, is signed with the new secret.",
  request: { params: WebhookIdParam },
  responses: {
    200: {
      description: "The webhook and its new secret, shown once",
      content: { "application/json": { schema: WebhookWithSecret } },
    },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerRotateWebhookSecret(app: App) {
  app.openapi(route, async (c) => {
    const secret = newWebhookSecret();
    const row = await getDb(c.env.DB)
      .update(webhooks)
      .set({ secret: await encryptSecret(c.env, secret), updatedAt: new Date() })
      .where(and(eq(webhooks.id, c.req.valid("param").webhook_id), eq(webhooks.userId, c.get("userId"))))
      .returning()
      .get();
    if (!row) throw notFound("Webhook");
    return c.json({ ...serializeWebhook(row), secret }, 200);
  });
}
