import { unsendableEmailReason } from "../../channels/compose";
import type { Channel, OutboundAction, SendOutcome } from "../../channels/types";
import { actionKey } from "../sequence";
import type { Variants } from "./ab-winner";
import type { AiSends } from "./ai-sends";
import type { Guards } from "./guards";
import type { LeadRow, Leads } from "./leads";
import type { SenderLeases } from "./leases";
import { type Outcomes, RETRY_BASE_MS } from "./outcomes";
import type { Pacing } from "./pacing";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";
import type { Senders } from "./senders";
import type { SuppressionMirror } from "./suppressions";

/**
 * Hands one composed action to its channel and says what came of it (a channel that throws is a
 * transient failure). The object's seam: tests subclass the object to crash around it.
 */
export type Deliver = (channel: Channel, action: OutboundAction) => Promise<SendOutcome>;

/**
 * One send wake: settle what a crash left claimed, pick the due lead, check pacing and suppression,
 * take a unit of the sender's shared cap, compose, **claim** (durably, before the provider is called),
 * deliver, **record** the outcome. At most one action per wake: spacing makes two impossible.
 */
export class SendWake {
  /** No action is left claimed by an earlier wake (checked once per instance and after a failure). */
  private claimsSettled = false;

  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly leads: Leads,
    private readonly pacing: Pacing,
    private readonly suppressions: SuppressionMirror,
    private readonly senders: Senders,
    private readonly leases: SenderLeases,
    private readonly outcomes: Outcomes,
    private readonly guards: Guards,
    private readonly ai: AiSends,
    private readonly variants: Variants,
    private readonly deliver: Deliver,
  ) {}

  async run(now: number): Promise<void> {
    if (!this.claimsSettled) {
      await this.outcomes.reconcileClaimed(now);
      this.claimsSettled = true;
    }
    if (!this.record.isSending) return;
    // The lead that would go now, then whether pacing lets anything go now.
    const lead = this.leads.pickDue(now);
    if (!lead) return;
    const slot = this.pacing.nextSlot(now, {
      hasNewLead: lead.state === "pending",
      earliestFollowUpDue: lead.due_at ?? now,
    });
    if (!slot || slot.at > now) return;
    if (await this.suppressions.isSuppressed(lead.email)) {
      this.outcomes.endLead(lead, "stopped", now, "suppressed");
      return;
    }

    const { meta, ctx, sql, clock } = this.scope;
    const campaignId = this.record.campaignId();
    const step = this.record.config().steps[lead.next_step - 1]!;
    const key = actionKey(campaignId, lead.row_index, step.step);
    const sender = await this.senders.senderFor(lead, step);
    if (!sender) {
      const missing = step.channel === "email" ? "alias" : "connected account";
      this.outcomes.endLead(lead, "failed", now, `the ${missing} no longer exists`);
      return;
    }
    // The alias's or account's own cap, shared with every campaign using it: the smallest limit wins.
    const unit = await this.leases.unit(sender, now, slot.day);
    if (!unit.ok) {
      meta.set("sender_wait", { until: unit.retryAt, reason: unit.reason });
      return;
    }
    meta.set("sender_wait", null);
    // Chosen once for this action and recorded with its claim: every later compose reads it back.
    const variant = this.variants.chosen(lead.row_index, step);
    // A personalized step's email: approved, generated (usually prefetched), or not to be had now.
    const written = await this.ai.prepare(lead, lead.next_step, variant, now);
    if (!this.record.isSending) return this.leases.release(null);
    if (written.kind === "wait") {
      meta.set("sender_wait", { until: written.until, reason: `AI provider: ${written.reason}` });
      return;
    }
    if (written.kind === "failed") return this.failUnsent(lead, step.step, key, now, written.reason);
    const action = await this.senders.compose(lead, lead.next_step, key, variant.label);
    // Paused (or stopped) while this wake waited for a lease or a provider lookup: nothing starts,
    // and a lease taken meanwhile goes back (the pause released the ones it saw).
    if (!this.record.isSending) return this.leases.release(null);
    // The last guard: no email, AI or template, leaves with an empty subject or body.
    const unsendable = action.kind === "email" ? unsendableEmailReason(action) : null;
    if (unsendable) return this.failUnsent(lead, step.step, key, now, unsendable);

    // The instant this wake was armed for: how late an action started is claimed_at - planned_at.
    const plannedAt = Math.min(now, clock.nextWakeAt() ?? now);
    // Claim before calling the provider: counted against the day, spaced, and recoverable after a crash.
    // (Its meta changes, spacing, lease and counters, go out as one statement: `batch`.)
    ctx.storage.transactionSync(() =>
      meta.batch(() => {
        sql.exec(
          `INSERT INTO actions (action_key, row_index, step, variant, channel, status, attempts, day, claimed_at, planned_at)
         VALUES (?, ?, ?, ?, ?, 'claimed', 1, ?, ?, ?)
         ON CONFLICT (action_key) DO UPDATE SET status = 'claimed', attempts = attempts + 1, day = excluded.day,
           claimed_at = excluded.claimed_at`,
          key,
          lead.row_index,
          step.step,
          variant.label,
          step.channel,
          slot.day,
          now,
          plannedAt,
        );
        this.pacing.countAction(slot.day, now);
        this.leases.adjust(sender.quota.id, unit.leaseId, +1);
        if (lead.state === "pending") this.record.bumpCounters({ pending: -1, active: 1 });
        sql.exec(
          "UPDATE leads SET state = 'sending', updated_at = ? WHERE row_index = ?",
          now,
          lead.row_index,
        );
      }),
    );

    const outcome = await this.deliver(sender.channel, action);
    // Not accepted, so not counted against the identity's cap: the retry takes a unit again.
    if (outcome.kind === "transient") this.leases.adjust(sender.quota.id, unit.leaseId, -1);
    // The provider is throttling this identity: it cools down, and the lead is not failed for it.
    if (outcome.kind === "transient" && outcome.throttled)
      await this.leases.coolDown(sender, now + (outcome.retryAfterMs ?? RETRY_BASE_MS));
    this.outcomes.recordAction({ rowIndex: lead.row_index, key, step: step.step, outcome, at: now, action });
    if (outcome.kind === "permanent") await this.guards.check("bounce_rate");
    if (this.record.status === "active" && this.record.counters().pending === 0)
      this.record.transition("draining", now);
    if (outcome.kind === "sent" && this.record.isSending) await this.leases.renewAhead(sender, now, slot.day);
  }

  /**
   * The lead's step cannot be sent (its email would be empty, or could not be generated): the action
   * is recorded as failed with the reason, nothing is claimed or sent, and the lead's sequence ends.
   */
  private failUnsent(lead: LeadRow, step: number, key: string, now: number, reason: string): void {
    const { ctx, sql } = this.scope;
    const config = this.record.config().steps[step - 1]!;
    ctx.storage.transactionSync(() => {
      sql.exec(
        `INSERT INTO actions (action_key, row_index, step, variant, channel, status, attempts, planned_at, error)
         VALUES (?, ?, ?, ?, ?, 'failed', 0, ?, ?)
         ON CONFLICT (action_key) DO UPDATE SET status = 'failed', error = excluded.error`,
        key,
        lead.row_index,
        step,
        this.variants.chosen(lead.row_index, config).label,
        config.channel,
        now,
        reason,
      );
      this.outcomes.endLead(lead, "failed", now, `step ${step}: ${reason}`);
    });
  }

  /** After a failure: claims are checked again before the next send. */
  forget(): void {
    this.claimsSettled = false;
  }
}
