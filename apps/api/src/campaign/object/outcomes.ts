import { toTimestamp } from "@cadence/contract";
import { followUpDue } from "@cadence/scheduling";
import type { OutboundAction, SendOutcome } from "../../channels/types";
import type { InboundEventType } from "../types";
import { hasEnded, type LeadRow, type Leads, type Thread } from "./leads";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";
import type { Senders } from "./senders";
import type { Timeline } from "./timeline";

/** Transient failures retry with exponential backoff, at most this many attempts in all. */
const MAX_ATTEMPTS = 5;
export const RETRY_BASE_MS = 60_000;

/** What came of one claimed action. */
export interface ActionResult {
  rowIndex: number;
  key: string;
  step: number;
  outcome: SendOutcome;
  at: number;
  action: OutboundAction;
  /** Reconciling a claim a wake never recorded (its SMTP journal entry is cleared whatever this instance saw). */
  interrupted?: boolean;
}

/**
 * What happens to a lead after each of its actions and each inbound fact about it: the next step or
 * the end of its sequence, retries with backoff, claims left by a crash settled with the provider,
 * and the guards' counts (`guards.ts`).
 */
export class Outcomes {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly timeline: Timeline,
    private readonly leads: Leads,
    private readonly senders: Senders,
  ) {}

  /** Records an action's outcome and moves its lead on, in one transaction. */
  recordAction(result: ActionResult): void {
    const { sql, ctx, meta } = this.scope;
    const { rowIndex, key, step, outcome, at, action } = result;
    ctx.storage.transactionSync(() =>
      meta.batch(() => {
        if (action.kind === "email") this.senders.clearJournal(key, result.interrupted === true);
        const lead = this.leads.byRow(rowIndex)!;
        // A lead stopped while its action was in flight stays stopped; the action's outcome is still recorded.
        const stillRunning = lead.state === "sending";
        if (outcome.kind === "sent") {
          sql.exec(
            "UPDATE actions SET status = 'sent', sent_at = ?, provider_id = ?, error = NULL WHERE action_key = ?",
            at,
            outcome.providerId,
            key,
          );
          this.timeline.record("sent", rowIndex, at, step, {
            action_key: key,
            provider_id: outcome.providerId,
          });
          if (action.kind === "email") meta.add("email_outcomes", 1);
          this.advance(lead, step, at, stillRunning, action);
          return;
        }
        // Throttling is the provider pacing the identity, not a failure of this lead: no attempt is burned.
        const throttled = outcome.kind === "transient" && outcome.throttled === true;
        const attempts = throttled ? lead.attempts : lead.attempts + 1;
        if (outcome.kind === "transient" && (throttled || attempts < MAX_ATTEMPTS)) {
          const backoff = throttled ? 0 : RETRY_BASE_MS * 2 ** (attempts - 1);
          const retryAt = at + Math.max(outcome.retryAfterMs ?? RETRY_BASE_MS, backoff);
          sql.exec("UPDATE actions SET status = 'retry', error = ? WHERE action_key = ?", outcome.error, key);
          this.timeline.record("retry_scheduled", rowIndex, at, step, {
            error: outcome.error,
            retry_at: toTimestamp(retryAt),
          });
          if (stillRunning) {
            sql.exec(
              "UPDATE leads SET state = 'active', due_at = ?, attempts = ?, updated_at = ? WHERE row_index = ?",
              retryAt,
              attempts,
              at,
              rowIndex,
            );
          }
          return;
        }
        sql.exec("UPDATE actions SET status = 'failed', error = ? WHERE action_key = ?", outcome.error, key);
        this.timeline.record("failed", rowIndex, at, step, { error: outcome.error });
        if (action.kind === "email") {
          meta.add("email_outcomes", 1);
          // A permanently rejected recipient is a hard bounce for the guard.
          if (outcome.kind === "permanent") meta.add("bounces", 1);
        }
        if (stillRunning) this.endLead({ ...lead, state: "active" }, "failed", at, outcome.error);
      }),
    );
  }

  /** After a sent step: the lead's next step falls due, or its sequence completes. */
  private advance(
    lead: LeadRow,
    step: number,
    at: number,
    stillRunning: boolean,
    action: OutboundAction,
  ): void {
    const { sql } = this.scope;
    const config = this.record.config();
    // The first email starts the thread that follow-ups reply in.
    const thread: Thread | null =
      step === 1 && action.kind === "email"
        ? { messageId: action.headers["Message-ID"] ?? null, subject: action.subject }
        : null;
    if (!stillRunning) {
      if (thread)
        sql.exec(
          "UPDATE leads SET thread_message_id = ?, thread_subject = ? WHERE row_index = ?",
          thread.messageId,
          thread.subject,
          lead.row_index,
        );
      return;
    }
    if (step >= config.steps.length) {
      this.endLead({ ...lead, state: "active" }, "completed", at, null, thread);
      return;
    }
    sql.exec(
      `UPDATE leads SET state = 'active', next_step = ?, due_at = ?, attempts = 0, last_sent_at = ?, updated_at = ?,
         thread_message_id = coalesce(?, thread_message_id), thread_subject = coalesce(?, thread_subject)
       WHERE row_index = ?`,
      step + 1,
      followUpDue(
        config.steps.map((s) => s.delay_days),
        step + 1,
        at,
        config.timezone,
      ),
      at,
      at,
      thread?.messageId ?? null,
      thread?.subject ?? null,
      lead.row_index,
    );
  }

  /** Ends a lead's sequence and keeps the counters right (a lead that has ended stays as it is). */
  endLead(
    lead: Pick<LeadRow, "row_index" | "state">,
    state: "completed" | "stopped" | "failed",
    at: number,
    reason: string | null,
    thread: Thread | null = null,
  ): void {
    if (hasEnded(lead)) return;
    this.scope.sql.exec(
      `UPDATE leads SET state = ?, due_at = NULL, stop_reason = ?, updated_at = ?,
         thread_message_id = coalesce(?, thread_message_id), thread_subject = coalesce(?, thread_subject)
       WHERE row_index = ?`,
      state,
      reason,
      at,
      thread?.messageId ?? null,
      thread?.subject ?? null,
      lead.row_index,
    );
    this.record.bumpCounters(lead.state === "pending" ? { pending: -1, ended: 1 } : { active: -1, ended: 1 });
    this.timeline.record(state, lead.row_index, at, null, reason ? { reason } : undefined);
  }

  /** Actions claimed by a wake that never recorded an outcome (crash, eviction): settled with the provider. */
  async reconcileClaimed(now: number): Promise<void> {
    const claimed = this.scope.sql
      .exec<{ action_key: string; row_index: number; step: number }>(
        "SELECT action_key, row_index, step FROM actions WHERE status = 'claimed'",
      )
      .toArray();
    for (const a of claimed) {
      const lead = this.leads.byRow(a.row_index)!;
      // Composing again gives the very same action (same key, Message-ID and body): providers with
      // idempotency keys answer with the original result.
      const action = await this.senders.compose(lead, a.step, a.action_key);
      const sender = await this.senders.senderFor(lead, this.record.config().steps[a.step - 1]!);
      const verdict = sender ? await sender.channel.reconcile(a.action_key, action) : "unknown";
      const result = {
        rowIndex: a.row_index,
        key: a.action_key,
        step: a.step,
        at: now,
        action,
        interrupted: true,
      };
      if (verdict === "sent") {
        this.recordAction({ ...result, outcome: { kind: "sent", providerId: null } });
        this.timeline.record("reconciled", a.row_index, now, a.step, { outcome: "sent" });
      } else if (verdict === "not_sent") {
        this.returnUnsent(lead, a, now);
      } else {
        // The provider cannot tell: failing is the only answer that never sends twice.
        this.recordAction({
          ...result,
          outcome: { kind: "permanent", error: "outcome unknown after an interrupted send" },
        });
      }
    }
  }

  /** A claimed action that never reached the provider: due again, same key, no attempt burned. */
  private returnUnsent(
    lead: LeadRow,
    a: { action_key: string; row_index: number; step: number },
    now: number,
  ): void {
    const { sql, ctx } = this.scope;
    ctx.storage.transactionSync(() => {
      sql.exec(
        "UPDATE actions SET status = 'retry', attempts = attempts - 1 WHERE action_key = ?",
        a.action_key,
      );
      if (lead.state === "sending") {
        const neverStarted = a.step === 1 && !lead.thread_message_id && lead.next_step === 1;
        if (neverStarted) {
          sql.exec(
            "UPDATE leads SET state = 'pending', updated_at = ? WHERE row_index = ?",
            now,
            a.row_index,
          );
          this.record.bumpCounters({ pending: 1, active: -1 });
        } else {
          sql.exec(
            "UPDATE leads SET state = 'active', due_at = ?, updated_at = ? WHERE row_index = ?",
            now,
            now,
            a.row_index,
          );
        }
      }
      this.timeline.record("reconciled", a.row_index, now, a.step, { outcome: "not_sent" });
    });
  }

  /**
   * An inbound fact (reply, bounce, unsubscribe, complaint) about the leads it matches: recorded on
   * each lead's timeline (with the step it answers: the one given, else the lead's last email sent,
   * so stats can count it per step), and their remaining steps stop at once, a step due but not
   * started included.
   */
  applyInbound(
    type: InboundEventType,
    leads: LeadRow[],
    at: number,
    fact: { step?: number | null; data?: Record<string, unknown> } = {},
  ): void {
    this.scope.ctx.storage.transactionSync(() => {
      for (const lead of leads) {
        const step = fact.step ?? this.lastSentStep(lead.row_index);
        this.timeline.record(type, lead.row_index, at, step, fact.data);
        // A lead mid-send is stopped too; its in-flight action is recorded but nothing follows it.
        this.endLead(lead.state === "sending" ? { ...lead, state: "active" } : lead, "stopped", at, type);
      }
      if (type === "bounced" && leads.length > 0) this.scope.meta.add("bounces", leads.length);
      if (type === "complained" && leads.length > 0) this.scope.meta.add("complaints", leads.length);
    });
  }

  /** The last step sent to a lead, or null (a range of the actions' own key: no index needed). */
  lastSentStep(rowIndex: number): number | null {
    const campaignId = this.record.campaignId();
    return this.scope.sql
      .exec<{ step: number | null }>(
        "SELECT max(step) AS step FROM actions WHERE action_key >= ? AND action_key < ? AND status = 'sent'",
        `${campaignId}:${rowIndex}:`,
        `${campaignId}:${rowIndex};`,
      )
      .one().step;
  }
}
