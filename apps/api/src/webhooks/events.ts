import { WEBHOOK_EVENT_TYPES } from "@cadence/contract";

/**
 * One fact to announce. `id` must be stable for the fact (the campaign object uses
 * `${campaignId}:${seq}`): the same id enqueued again is ignored, and receivers deduplicate on it.
 * `data` must be plain JSON.
 */
export interface WebhookEvent {
  id: string;
  type: string;
  /** RFC 3339. */
  created_at: string;
  data: Record<string, unknown>;
}

export const MAX_EVENTS_PER_CALL = 1000;
export const MAX_BODY_BYTES = 256 * 1024;

const KNOWN_TYPES: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Why an event cannot be accepted, or null. */
export function invalidEvent(e: unknown): string | null {
  if (typeof e !== "object" || e === null) return "must be an object";
  const ev = e as Partial<WebhookEvent>;
  if (typeof ev.id !== "string" || ev.id.length < 1 || ev.id.length > 255)
    return "id must be 1..255 characters";
  if (typeof ev.type !== "string" || !KNOWN_TYPES.has(ev.type))
    return `unknown event type ${String(ev.type)}`;
  if (
    typeof ev.created_at !== "string" ||
    !RFC3339.test(ev.created_at) ||
    Number.isNaN(Date.parse(ev.created_at))
  )
    return "created_at must be an RFC 3339 timestamp";
  if (typeof ev.data !== "object" || ev.data === null || Array.isArray(ev.data))
    return "data must be an object";
  return null;
}

/** Whether a webhook subscribed to `events` receives an event of `type`. */
export function subscribed(events: string[], type: string): boolean {
  return events.includes("*") || events.includes(type);
}
