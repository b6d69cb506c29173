import { type Classification, classificationDetails } from "@cadence/inbound";
import type { InboundEventType } from "../campaign/types";
import { applyInboundEvent } from "../campaign/worker/inbound";
import { pushSuppressionChange } from "../campaign/worker/live-push";
import { campaignStub } from "../campaign/worker/stub";
import type { Env } from "../env";
import type { InboundMatch } from "./match";

/** What each classification asks of the campaign object's existing inbound path (`recordInbound`). */
const STOPS: Partial<Record<Classification["kind"], InboundEventType>> = {
  reply: "replied",
  unsubscribe_request: "unsubscribed",
  hard_bounce: "bounced",
  complaint: "complained",
};

/**
 * Applies a matched message inside its campaign object, which records it on the lead's timeline
 * (with the step it answers, for per-step stats) and emits its webhook from its outbox: a human reply,
 * an unsubscribe request, a hard bounce or a complaint stops the lead at once through
 * `applyInboundEvent` (which also suppresses on unsubscribe and complaint); a hard bounce also
 * suppresses the failed address; an auto-reply and a soft bounce are recorded without stopping the
 * lead (`recordNotice`), and an auto-reply's return date moves the lead's next step past it.
 */
export async function applyInboundEffects(
  env: Env,
  match: InboundMatch,
  classification: Classification,
  inbound: { id: string; receivedAt: number; subject: string; from: string | null },
): Promise<void> {
  const data = {
    inbound_message_id: inbound.id,
    classification: classification.kind,
    from: inbound.from,
    subject: inbound.subject,
    ...classificationDetails(classification),
  };
  const stop = STOPS[classification.kind];
  if (stop) {
    await applyInboundEvent(env, match.userId, {
      type: stop,
      campaignLeadId: match.campaignLeadId,
      step: match.step,
      data,
    });
  } else if (classification.kind === "auto_reply" || classification.kind === "soft_bounce") {
    await campaignStub(env, match.campaignId).recordNotice({
      type: classification.kind === "auto_reply" ? "auto_replied" : "soft_bounced",
      leadId: match.campaignLeadId,
      step: match.step,
      returnDate: classification.kind === "auto_reply" ? classification.returnDate : null,
      data,
    });
  }
  if (classification.kind === "hard_bounce") {
    const lead = await env.DB.prepare("SELECT email FROM campaign_leads WHERE id = ?")
      .bind(match.campaignLeadId)
      .first<{ email: string | null }>();
    const address = (classification.recipient ?? lead?.email ?? "").toLowerCase();
    if (address) await suppressAddress(env, match.userId, address, "bounced");
  }
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
