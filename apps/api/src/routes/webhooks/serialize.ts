import {
  toTimestamp,
  type Webhook,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from "@cadence/contract";
import type { webhookDeliveries, webhooks } from "@cadence/db";

type WebhookRow = typeof webhooks.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const ts = (d: Date | null) => (d ? toTimestamp(d) : null);

/** D1 row -> Webhook. The secret is never part of it (only create and rotate-secret add it). */
export function serializeWebhook(row: WebhookRow): Webhook {
  return {
    webhook_id: row.id,
    url: row.url,
    events: row.events,
    active: row.active,
    created_at: toTimestamp(row.createdAt),
    updated_at: toTimestamp(row.updatedAt),
  };
}

export function serializeDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    delivery_id: row.id,
    event_id: row.eventId,
    event_type: row.eventType,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    created_at: toTimestamp(row.createdAt),
    delivered_at: ts(row.deliveredAt),
    next_attempt_at: ts(row.nextAttemptAt),
  };
}
