import { actionKey } from "../sequence";
import type { OutboundMessageView } from "../types";
import type { Leads } from "./leads";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";
import type { Senders } from "./senders";
import type { Timeline } from "./timeline";

/**
 * What the object knows of the mail it sent to one lead, for inbound matching and the lead's
 * conversation. Nothing is written per send for this: an action's row says whether it was sent, and
 * composing it again gives the very bytes that went out (same key, Message-ID, subject and text).
 */
export class SentMail {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly leads: Leads,
    private readonly timeline: Timeline,
    private readonly senders: Senders,
  ) {}

  /** The lead of row `rowIndex` when its step `step` was sent, with its address; else null. */
  sentTo(rowIndex: number, step: number): { leadId: string; email: string | null } | null {
    const key = actionKey(this.record.campaignId(), rowIndex, step);
    const sent = this.scope.sql
      .exec("SELECT 1 FROM actions WHERE action_key = ? AND status = 'sent'", key)
      .toArray();
    if (sent.length === 0) return null;
    const lead = this.leads.byRow(rowIndex);
    return lead ? { leadId: lead.lead_id, email: lead.email } : null;
  }

  /**
   * The lead's outbound messages in order (its `sent` and `failed` actions), with subject, text and
   * Message-ID for what was sent: from the captured copy when the alias captures, else composed again.
   */
  async outbound(leadId: string): Promise<OutboundMessageView[] | null> {
    const lead = this.leads.byId(leadId);
    if (!lead) return null;
    const campaignId = this.record.campaignId();
    const steps = this.record.config().steps;
    const items: OutboundMessageView[] = [];
    for (const e of this.timeline.ofLead(lead.row_index)) {
      if ((e.type !== "sent" && e.type !== "failed") || e.step === null) continue;
      const item: OutboundMessageView = {
        at: e.at,
        step: e.step,
        status: e.type,
        subject: null,
        text: null,
        messageId: null,
      };
      items.push(item);
      if (e.type !== "sent" || steps[e.step - 1]?.channel !== "email") continue;
      const key = actionKey(campaignId, lead.row_index, e.step);
      const captured = this.scope.sql
        .exec<{ subject: string | null; text_body: string | null; headers: string }>(
          "SELECT subject, text_body, headers FROM messages WHERE action_key = ?",
          key,
        )
        .toArray()[0];
      if (captured) {
        item.subject = captured.subject;
        item.text = captured.text_body;
        item.messageId = (JSON.parse(captured.headers) as Record<string, string>)["Message-ID"] ?? null;
        continue;
      }
      const action = await this.senders.compose(lead, e.step, key);
      if (action.kind !== "email") continue;
      item.subject = action.subject;
      item.text = action.text;
      item.messageId = action.headers["Message-ID"] ?? null;
    }
    return items;
  }
}
