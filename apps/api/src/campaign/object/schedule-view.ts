import { toTimestamp } from "@cadence/contract";
import { type NotSendingReason, planActions, whyNotSending } from "@cadence/scheduling";
import type { ScheduleView } from "../types";
import type { Variants } from "./ab-winner";
import type { Pacing } from "./pacing";
import type { CampaignRecord } from "./record";
import type { ObjectScope } from "./scope";

/** Lead rows looked up per statement (SQLite's bound-parameter limit is 100). */
const LOOKUP_CHUNK = 90;

/**
 * The campaign's plan (`GET .../schedule`): the next actions with their times, computed by the same
 * planner the sends follow (planActions over nextActionSlot), why nothing is sending now, and when
 * the campaign is projected to finish.
 */
export class PlanView {
  constructor(
    private readonly scope: ObjectScope,
    private readonly record: CampaignRecord,
    private readonly pacing: Pacing,
    private readonly variants: Variants,
  ) {}

  view(limit: number): ScheduleView {
    const { clock, meta, sql } = this.scope;
    const now = clock.now();
    const status = this.record.status;
    const base: ScheduleView = {
      status,
      now: toTimestamp(now),
      not_sending_reason: null,
      next_action_at: null,
      planned: [],
      projected_finish_at: null,
      projected_finish_is_estimate: false,
    };
    if (status === "none" || status === "draft" || status === "failed")
      return { ...base, not_sending_reason: "no_pending_leads" };
    const config = this.record.config();
    const rules = this.pacing.rules();
    const pacing = this.pacing.state();
    const senderWait = meta.get("sender_wait");
    let reason: NotSendingReason | null;
    if (status === "paused") reason = "paused";
    else if (status === "launching") reason = "launching";
    else if (status === "scheduled") reason = "scheduled_start";
    else if (status === "completed") reason = "no_pending_leads";
    else reason = whyNotSending(rules, pacing, now, this.pacing.workAvailable());
    // The alias's or account's own cap (or a provider cooldown) is what holds the next send.
    if (reason === null && senderWait && senderWait.until > now) reason = "daily_limit_reached";
    if (status === "completed" || status === "launching") return { ...base, not_sending_reason: reason };

    // Nothing goes before the start, nor before the identity's cap (or cooldown) lets the campaign
    // send again: the plan starts at the later of the two. (Later days' shared caps are not modelled.)
    const startFrom = Math.max(
      status === "scheduled" && config.startDate ? config.startDate : now,
      senderWait && senderWait.until > now ? senderWait.until : now,
    );
    const followUps = sql
      .exec<{ row_index: number; next_step: number; due_at: number | null }>(
        "SELECT row_index, next_step, due_at FROM leads WHERE state IN ('active', 'sending') ORDER BY due_at, row_index LIMIT ?",
        limit,
      )
      .toArray()
      .map((r) => ({ rowIndex: r.row_index, step: r.next_step, due: r.due_at ?? now }));
    const newLeads = sql
      .exec<{ row_index: number }>(
        "SELECT row_index FROM leads WHERE state = 'pending' ORDER BY due_at, row_index LIMIT ?",
        limit,
      )
      .toArray()
      .map((r) => r.row_index);
    const counters = this.record.counters();
    const plan = planActions({
      rules,
      stepDelays: config.steps.map((s) => s.delay_days),
      pacing,
      now: startFrom,
      followUps,
      newLeads,
      moreNewLeads: Math.max(0, counters.pending - newLeads.length),
      limit,
    });
    const leadsByRow = this.leadsOf([...new Set(plan.actions.map((a) => a.rowIndex))]);
    const planned = plan.actions.map((a) => ({
      at: toTimestamp(a.at),
      campaign_lead_id: leadsByRow.get(a.rowIndex)?.lead_id ?? "",
      row_index: a.rowIndex,
      email: leadsByRow.get(a.rowIndex)?.email ?? null,
      step: a.step,
      variant: this.variants.chosen(a.rowIndex, config.steps[a.step - 1]!).label,
    }));
    let finish = plan.finishedAt;
    let estimate = false;
    if (finish === null && plan.actions.length > 1) {
      // Beyond the listed plan: extrapolate at the planned rate (an estimate, and said to be one).
      const remaining = this.actionsLeft(config.steps.length);
      const first = plan.actions[0]!.at;
      const last = plan.actions.at(-1)!.at;
      const perAction = (last - first) / (plan.actions.length - 1);
      finish = Math.round(last + perAction * Math.max(0, remaining - plan.actions.length));
      estimate = true;
    }
    return {
      ...base,
      not_sending_reason: reason,
      next_action_at: planned[0]?.at ?? null,
      // While paused this is the plan as it would run if resumed now.
      planned,
      projected_finish_at: finish !== null ? toTimestamp(finish) : null,
      projected_finish_is_estimate: estimate,
    };
  }

  /** Actions still to send: every step of each lead not started, the remaining steps of each started one. */
  private actionsLeft(steps: number): number {
    const started = this.scope.sql
      .exec<{ n: number | null }>(
        "SELECT sum(? - next_step + 1) AS n FROM leads WHERE state IN ('active', 'sending')",
        steps,
      )
      .one().n;
    return this.record.counters().pending * steps + (started ?? 0);
  }

  private leadsOf(rows: number[]): Map<number, { lead_id: string; email: string | null }> {
    const out = new Map<number, { lead_id: string; email: string | null }>();
    for (let i = 0; i < rows.length; i += LOOKUP_CHUNK) {
      const chunk = rows.slice(i, i + LOOKUP_CHUNK);
      for (const r of this.scope.sql.exec<{ row_index: number; lead_id: string; email: string | null }>(
        `SELECT row_index, lead_id, email FROM leads WHERE row_index IN (${chunk.map(() => "?").join(",")})`,
        ...chunk,
      )) {
        out.set(r.row_index, r);
      }
    }
    return out;
  }
}
