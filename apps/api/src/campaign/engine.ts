import type { Step } from "@cadence/contract";
import {
  addCalendarDays,
  type DayKey,
  nextSendSlot,
  notSendingReason,
  type PacingRules,
  type PacingState,
  type Slot,
} from "@cadence/scheduling";

/**
 * The decision the campaign object makes on every wake, and the plan it shows, come from these
 * functions, so `GET .../schedule` never drifts from what is really sent. No I/O here.
 */

export type NotSendingReason =
  | "outside_window"
  | "not_a_send_day"
  | "daily_limit_reached"
  | "waiting_min_interval"
  | "waiting_for_delay"
  | "paused"
  | "scheduled_start"
  | "launching"
  | "no_pending_leads";

export interface WorkAvailable {
  /** A lead that has not started yet exists (it can go as soon as there is a slot). */
  hasNewLead: boolean;
  /** When the earliest started lead's next step falls due (ms), if any. */
  earliestFollowUpDue: number | null;
}

/**
 * When the next action can start: the first open slot at or after the moment some work is ready.
 * Null when there is nothing left to send (or no slot within the scheduling horizon).
 */
export function nextActionSlot(
  rules: PacingRules,
  pacing: PacingState,
  now: number,
  work: WorkAvailable,
): Slot | null {
  if (!work.hasNewLead && work.earliestFollowUpDue === null) return null;
  const readyAt = work.hasNewLead ? now : Math.max(now, work.earliestFollowUpDue!);
  return nextSendSlot(rules, pacing, readyAt);
}

/** Why nothing can start at `now` (null when an action may start now). */
export function whyNotSending(
  rules: PacingRules,
  pacing: PacingState,
  now: number,
  work: WorkAvailable,
): NotSendingReason | null {
  if (!work.hasNewLead && work.earliestFollowUpDue === null) return "no_pending_leads";
  // Only follow-ups remain and none is due yet: the delay is what is being waited for.
  if (!work.hasNewLead && work.earliestFollowUpDue! > now) return "waiting_for_delay";
  return notSendingReason(rules, pacing, now);
}

/** When step `nextStep` of a lead falls due after the previous step was sent at `sentAt`. */
export function followUpDue(
  steps: readonly Step[],
  nextStep: number,
  sentAt: number,
  timezone: string,
): number {
  const step = steps[nextStep - 1];
  return addCalendarDays(sentAt, step?.delay_days ?? 0, timezone);
}

export interface PlannedAction {
  at: number;
  day: DayKey;
  rowIndex: number;
  step: number;
}

export interface PlanInput {
  rules: PacingRules;
  steps: readonly Step[];
  pacing: { lastActionAt: number | null; sentOnDay: (day: DayKey) => number };
  now: number;
  /** Started leads, earliest due first: their next step and its due time. */
  followUps: { rowIndex: number; step: number; due: number }[];
  /** Leads not started yet, in row order (only the first `limit` are needed). */
  newLeads: number[];
  /** How many new leads exist beyond those listed (for the projected finish). */
  moreNewLeads: number;
  limit: number;
}

/**
 * Simulates the engine forward: each planned action consumes a slot exactly as a real send would,
 * and each first step plants its follow-up. Returns the first `limit` actions and, when the
 * simulation ran dry, the time of the last one (the projected finish).
 */
export function planActions(input: PlanInput): { actions: PlannedAction[]; finishedAt: number | null } {
  const { rules, steps, now, limit } = input;
  const counts = new Map<DayKey, number>();
  let lastActionAt = input.pacing.lastActionAt;
  const pacing: PacingState = {
    get lastActionAt() {
      return lastActionAt;
    },
    sentOnDay: (day) => input.pacing.sentOnDay(day) + (counts.get(day) ?? 0),
  };
  const followUps = [...input.followUps].sort((a, b) => a.due - b.due || a.rowIndex - b.rowIndex);
  let newIdx = 0;
  const actions: PlannedAction[] = [];
  let cursor = now;
  while (actions.length < limit) {
    const hasNewLead = newIdx < input.newLeads.length;
    const slot = nextActionSlot(rules, pacing, cursor, {
      hasNewLead,
      earliestFollowUpDue: followUps[0]?.due ?? null,
    });
    if (!slot) break;
    let rowIndex: number;
    let step: number;
    if (followUps[0] && followUps[0].due <= slot.at) {
      const f = followUps.shift()!;
      rowIndex = f.rowIndex;
      step = f.step;
    } else if (hasNewLead) {
      rowIndex = input.newLeads[newIdx++]!;
      step = 1;
    } else {
      break; // unreachable: without a new lead the slot is never before the earliest due follow-up
    }
    actions.push({ at: slot.at, day: slot.day, rowIndex, step });
    counts.set(slot.day, (counts.get(slot.day) ?? 0) + 1);
    lastActionAt = slot.at;
    cursor = slot.at;
    if (step < steps.length) {
      const due = followUpDue(steps, step + 1, slot.at, rules.timezone);
      const at = followUps.findIndex((f) => f.due > due);
      followUps.splice(at === -1 ? followUps.length : at, 0, { rowIndex, step: step + 1, due });
    }
  }
  const ranDry = newIdx >= input.newLeads.length && input.moreNewLeads === 0 && followUps.length === 0;
  return { actions, finishedAt: ranDry ? (actions.at(-1)?.at ?? null) : null };
}
