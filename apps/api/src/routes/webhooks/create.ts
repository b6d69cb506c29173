import {
  MAX_WEBHOOKS_PER_USER,
  WEBHOOK_EVENT_TYPES,
  WebhookCreate,
  WebhookEventPayload,
  WebhookWithSecret,
} from "@cadence/contract";
import { createRoute, z } from "@hono/zod-openapi";
import { pushWebhooksChanged } from "../../campaign/worker/live-push";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import { encryptSecret } from "../../lib/secrets";
import type { App } from "../../router";
import { newWebhookSecret } from "../../webhooks/signature";
import { assertWebhookUrl, loadWebhook, normalizeEvents } from "./load";
import { serializeWebhook } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/webhooks",
  tags: ["Webhooks"],
  summary: "Subscribe a URL to events; the signing secret is in this response only",
  description: `Events: ${WEBHOOK_EVENT_TYPES.join(", ")}, or \`["*"]\` for all. Deliveries are signed with the returned secret (see the Cadence-Signature header). At most ${MAX_WEBHOOKS_PER_USER} webhooks per user (409 LIMIT_REACHED).`,
  request: { body: { content: { "application/json": { schema: WebhookCreate } }, required: true } },
  responses: {
    201: {
      description: "The webhook and its secret, shown once",
      content: { "application/json": { schema: WebhookWithSecret } },
    },
    ...commonErrors,
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

/** What a subscribed URL receives, documented under the OpenAPI 3.1 `webhooks` section. */
const delivery = {
  method: "post" as const,
  path: "event",
  tags: ["Webhooks"],
  summary: "One event, POSTed to every subscribed webhook",
  description:
    "Retried with backoff (30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h; 8 attempts in all) until the receiver answers 2xx within 10 s. The body and Cadence-Event-Id are the same on every attempt: deduplicate on the id.",
  request: {
    headers: z.object({
      "Cadence-Event-Id": z.string().openapi({ description: "The event id, stable across retries" }),
      "Cadence-Signature": z.string().openapi({
        description: 't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>',
        example: "t=1803000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
      }),
    }),
    body: { content: { "application/json": { schema: WebhookEventPayload } }, required: true },
  },
  responses: { 200: { description: "Any 2xx acknowledges the delivery; anything else is retried" } },
};

export function registerCreateWebhook(app: App) {
  app.openAPIRegistry.registerWebhook(delivery);
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const url = assertWebhookUrl(c.env, body.url);
    const userId = c.get("userId");
    const id = crypto.randomUUID();
    const secret = newWebhookSecret();
    const now = Date.now();
    // The count is checked inside the INSERT, so racing creates cannot pass the limit.
    const inserted = await c.env.DB.prepare(
      `INSERT INTO webhooks (id, user_id, url, events, secret, active, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, 1, ?6, ?6
       WHERE (SELECT count(*) FROM webhooks WHERE user_id = ?2) < ?7`,
    )
      .bind(
        id,
        userId,
        url,
        JSON.stringify(normalizeEvents(body.events)),
        await encryptSecret(c.env, secret),
        now,
        MAX_WEBHOOKS_PER_USER,
      )
      .run();
    if (inserted.meta.changes === 0) {
      throw new ApiError(
        "LIMIT_REACHED",
        `A user has at most ${MAX_WEBHOOKS_PER_USER} webhooks; delete one first`,
      );
    }
    const row = await loadWebhook(getDb(c.env.DB), userId, id);
    await pushWebhooksChanged(c.env, c.get("userId"));
    return c.json({ ...serializeWebhook(row), secret }, 201);
  });
}
