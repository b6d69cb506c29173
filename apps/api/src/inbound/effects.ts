import { toTimestamp } from "@cadence/contract";
import { type Classification, classificationDetails } from "@cadence/inbound";
import type { InboundEventType } from "../campaign/types";
import { applyInboundEvent } from "../campaign/worker/inbound";
import { pushSuppressionChange } from "../campaign/worker/live-push";
import type { Env } from "../env";
import { enqueueWebhookEvents } from "../webhooks/enqueue";
import type { InboundMatch } from "./match";

/** What each classification asks of the campaign object's existing inbound path (`recordInbound`). */
const STOPS: Partial<Record<Classification["kind"], InboundEventType>> = {
  reply: "replied",
  unsubscribe_request: "unsubscribed",
  hard_bounce: "bounced",
  complaint: "complained",
};

/**
 * Webhook events the handler emits itself: the ones the object does not. A stop through
 * `recordInbound` already emits `lead.replied`, `lead.unsubscribed`, `lead.bounced` (hard) and
 * `lead.complained` from the object's outbox, so those are not sent again here.
 */
const OWN_EVENTS: Partial<Record<Classification["kind"], string>> = {
  auto_reply: "lead.auto_replied",
  soft_bounce: "lead.bounced",
};

/**
 * Applies a matched message: a human reply, an unsubscribe request, a hard bounce or a complaint stops
 * the lead at once through `applyInboundEvent` (which also suppresses on unsubscribe and complaint);
 * a hard bounce also suppresses the failed address; an auto-reply and a soft bounce are recorded and
 * notified only (the auto-reply's return date travels in the event; acting on it is the object's job).
 */
export async function applyInboundEffects(
  env: Env,
  match: InboundMatch,
  classification: Classification,
  inbound: { id: string; receivedAt: number; subject: string; from: string | null },
): Promise<void> {
  const stop = STOPS[classification.kind];
  if (stop) await applyInboundEvent(env, match.userId, { type: stop, campaignLeadId: match.campaignLeadId });
  const leadEmail = () =>
    env.DB.prepare("SELECT email FROM campaign_leads WHERE id = ?")
      .bind(match.campaignLeadId)
      .first<{ email: string | null }>()
      .then((r) => r?.email ?? null);
  if (classification.kind === "hard_bounce") {
    const address = (classification.recipient ?? (await leadEmail()) ?? "").toLowerCase();
    if (address) await suppressAddress(env, match.userId, address, "bounced");
  }
  const type = OWN_EVENTS[classification.kind];
  if (type && (await hasActiveWebhook(env, match.userId))) {
    await enqueueWebhookEvents(env, match.userId, [
      {
        id: `inbound:${inbound.id}`,
        type,
        created_at: toTimestamp(inbound.receivedAt),
        data: {
          campaign_id: match.campaignId,
          campaign_lead_id: match.campaignLeadId,
          email: await leadEmail(),
          row_index: match.rowIndex,
          step: match.step,
          inbound_message_id: inbound.id,
          classification: classification.kind,
          from: inbound.from,
          subject: inbound.subject,
          ...classificationDetails(classification),
        },
      },
    ]);
  }
}

async function hasActiveWebhook(env: Env, userId: string): Promise<boolean> {
  return (
    (await env.DB.prepare("SELECT 1 AS x FROM webhooks WHERE user_id = ? AND active = 1 LIMIT 1")
      .bind(userId)
      .first()) !== null
  );
}

/** Adds the address to the user's suppression list and tells the live campaigns at once. */
async function suppressAddress(env: Env, userId: string, address: string, reason: string): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO suppressions (id, user_id, value, kind, reason, created_at) VALUES (?, ?, ?, 'email', ?, ?)
     ON CONFLICT (user_id, value) DO NOTHING`,
  )
    .bind(crypto.randomUUID(), userId, address, reason, Date.now())
    .run();
  await pushSuppressionChange(env, userId, { added: [address] });
}
