import { WEBHOOK_EVENT_TYPES } from "@cadence/contract";
import { webhooks } from "@cadence/db";
import { and, eq } from "drizzle-orm";
import type { Env } from "../../env";
import { notFound, validationError } from "../../errors";
import type { Db } from "../../lib/db";
import { isLocal } from "../../lib/deployment";
import { assertEgressAllowed } from "../../lib/egress-validation";

/** The user's webhook, or 404 (another user's id is indistinguishable from a missing one). */
export async function loadWebhook(db: Db, userId: string, webhookId: string) {
  const row = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.userId, userId)))
    .get();
  if (!row) throw notFound("Webhook");
  return row;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost"]);

/**
 * 422 on `body.url` unless it is an absolute https URL to a public host (lib/egress.ts). Plain http
 * is accepted only for loopback on a local deployment (ENVIRONMENT=local), so a local receiver can be
 * tried without certificates.
 */
export function assertWebhookUrl(env: Env, value: string): string {
  const fail = (msg: string, type: string) => validationError([{ loc: ["body", "url"], msg, type }]);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail("must be an absolute URL", "url_parsing");
  }
  // fetch() refuses URLs with credentials; say so now rather than fail every delivery.
  if (url.username || url.password) throw fail("must not contain credentials", "url_credentials");
  if (url.protocol === "https:") {
    assertEgressAllowed(env, value, ["body", "url"]);
    return value;
  }
  const local = isLocal(env);
  if (url.protocol === "http:" && local && LOOPBACK.has(url.hostname)) return value;
  throw fail(
    local ? "must use https (http only for 127.0.0.1 or localhost)" : "must use https",
    "url_scheme",
  );
}

/** Subscriptions in a stable order without repeats; `["*"]` stays as is. */
export function normalizeEvents(events: readonly string[]): string[] {
  if (events.includes("*")) return ["*"];
  return WEBHOOK_EVENT_TYPES.filter((t) => events.includes(t));
}
