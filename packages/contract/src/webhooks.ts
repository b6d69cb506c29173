import { z } from "@hono/zod-openapi";
import { PaginationQuery, paginated, Timestamp, Uuid } from "./common";

/** Every event type a webhook can subscribe to (`"*"` subscribes to all, including types added later). */
export const WEBHOOK_EVENT_TYPES = [
  "lead.sent",
  "lead.failed",
  "lead.replied",
  "lead.auto_replied",
  "lead.bounced",
  "lead.unsubscribed",
  "lead.complained",
  "lead.clicked",
  "campaign.status_changed",
  "campaign.guard_tripped",
  "campaign.ab_winner",
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** Every event fans out to each matching webhook, so a user's subscriptions are bounded. */
export const MAX_WEBHOOKS_PER_USER = 20;

const WebhookUrl = z.string().max(2048).openapi({
  format: "uri",
  example: "https://example.com/hooks/cadence",
  description: "https; plain http only to 127.0.0.1 or localhost on a local deployment",
});

const WebhookEvents = z
  .array(z.enum([...WEBHOOK_EVENT_TYPES, "*"]))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .superRefine((events, ctx) => {
    if (events.includes("*") && events.some((e) => e !== "*")) {
      ctx.addIssue({ code: "custom", message: '"*" subscribes to every event and must be given alone' });
    }
  })
  .openapi({ example: ["lead.replied", "lead.bounced"] });

export const WebhookCreate = z
  .object({ url: WebhookUrl, events: WebhookEvents })
  .strict()
  .openapi("WebhookCreate");
export type WebhookCreate = z.infer<typeof WebhookCreate>;

export const WebhookUpdate = z
  .object({ url: WebhookUrl.optional(), events: WebhookEvents.optional(), active: z.boolean().optional() })
  .strict()
  .openapi("WebhookUpdate");
export type WebhookUpdate = z.infer<typeof WebhookUpdate>;

export const Webhook = z
  .object({
    webhook_id: Uuid,
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("Webhook");
export type Webhook = z.infer<typeof Webhook>;

/** Only the create and rotate-secret responses carry the signing secret; it is never shown again. */
export const WebhookWithSecret = Webhook.extend({
  secret: z.string().openapi({
    example: "whsec_3kTq9ZbW0cV7rN2xY5mL8pA1sD4fG6hJ",
    description: "HMAC-SHA256 key for Cadence-Signature (the whole string, as UTF-8)",
  }),
}).openapi("WebhookWithSecret");
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const WebhookList = paginated(Webhook).openapi("WebhookList");

export const WebhookIdParam = z.object({
  webhook_id: Uuid.openapi({ param: { name: "webhook_id", in: "path" } }),
});

export const WebhookDeliveryStatus = z.enum(["pending", "delivered", "failed"]);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookDelivery = z
  .object({
    delivery_id: Uuid,
    event_id: z.string(),
    event_type: z.string(),
    status: WebhookDeliveryStatus,
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    created_at: Timestamp,
    delivered_at: Timestamp.nullable(),
    next_attempt_at: Timestamp.nullable(),
  })
  .openapi("WebhookDelivery");
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryListQuery = PaginationQuery.extend({ status: WebhookDeliveryStatus.optional() });

export const WebhookDeliveryList = paginated(WebhookDelivery).openapi("WebhookDeliveryList");

/** The JSON body of every delivery; `id` is stable across retries (deduplicate on it). */
export const WebhookEventPayload = z
  .object({
    id: z.string().openapi({ example: "5b0c3f1e-8a53-4d2b-9f7e-2a6f1c9d4e10:42" }),
    type: z.string().openapi({ example: "lead.replied" }),
    created_at: Timestamp,
    data: z.record(z.string(), z.unknown()),
  })
  .openapi("WebhookEventPayload");
export type WebhookEventPayload = z.infer<typeof WebhookEventPayload>;
