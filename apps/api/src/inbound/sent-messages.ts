import type { BaseEnv } from "../base-env";
import { campaignLeadId } from "../campaign/sequence";
import type {
  Channel,
  OutboundAction,
  OutboundEmail,
  ReconcileOutcome,
  SendOutcome,
} from "../channels/types";
import { log } from "../lib/log";

/**
 * Keeps, in D1 `sent_messages`, the Message-ID of every email a provider accepted, so inbound mail can
 * be matched against what was really sent (In-Reply-To, References, a bounce's returned headers).
 *
 * Phase 1 writes it here, around the alias's SMTP or HTTP channel, because the campaign object is not
 * ours to change yet; the write moves into the object's D1 projection later (it then covers capture
 * aliases too, which do not pass through here). A failed write is logged and never turns a sent email
 * into a failure: the reply tag still matches, and the inbound handler can confirm a Cadence
 * Message-ID with the campaign object itself.
 */
export async function recordSentMessage(env: BaseEnv, action: OutboundEmail, at = Date.now()): Promise<void> {
  const messageId = action.headers["Message-ID"];
  const [campaignId, row, step] = action.key.split(":");
  const rowIndex = Number(row);
  if (!messageId || !campaignId || !Number.isInteger(rowIndex) || !Number.isInteger(Number(step))) return;
  try {
    await env.DB.prepare(
      `INSERT INTO sent_messages (message_id, user_id, campaign_id, campaign_lead_id, row_index, step, recipient, subject, sent_at)
       SELECT ?, c.user_id, c.id, ?, ?, ?, ?, ?, ? FROM campaigns c WHERE c.id = ?
       ON CONFLICT (message_id) DO NOTHING`,
    )
      .bind(
        messageId,
        await campaignLeadId(campaignId, rowIndex),
        rowIndex,
        Number(step),
        action.to.toLowerCase(),
        action.subject,
        at,
        campaignId,
      )
      .run();
  } catch (err) {
    log("warn", "sent message not recorded", { action_key: action.key, error: String(err) });
  }
}

/** The alias's channel, recording each accepted email's Message-ID (see `recordSentMessage`). */
export class RecordingChannel implements Channel {
  constructor(
    private readonly env: BaseEnv,
    private readonly inner: Channel,
  ) {}

  async send(action: OutboundAction): Promise<SendOutcome> {
    const outcome = await this.inner.send(action);
    if (outcome.kind === "sent" && action.kind === "email") await recordSentMessage(this.env, action);
    return outcome;
  }

  async reconcile(key: string, action?: OutboundAction): Promise<ReconcileOutcome> {
    const outcome = await this.inner.reconcile(key, action);
    if (outcome === "sent" && action?.kind === "email" && action.key === key)
      await recordSentMessage(this.env, action);
    return outcome;
  }
}
