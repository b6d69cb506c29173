import { addCalendarDays } from "./delays";
import {
  type DayKey,
  nextSendSlot,
  notSendingReason,
  type PacingRules,
  type PacingState,
  type Slot,
} from "./pacing";

/**
 * The decisions a campaign engine makes on every wake, and the plan it shows, come from these
 * functions, so a visible plan never drifts from what is really sent. No I/O here.
 */

/** Why nothing is sending right now: the one vocabulary of the engine and of its API. */
export const NOT_SENDING_REASONS = [
  "outside_window",
  "not_a_send_day",
  "daily_limit_reached",
  "waiting_min_interval",
  "waiting_for_delay",
  "paused",
  "scheduled_start",
  "launching",
  "no_pending_leads",
] as const;
export type NotSendingReason = (typeof NOT_SENDING_REASONS)[number];

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

/**
 * When step `nextStep` (1-based) of a lead falls due, the previous step having been sent at `sentAt`:
 * `stepDelays[nextStep - 1]` calendar days later in the zone, same wall-clock time.
 */
export function followUpDue(
  stepDelays: readonly number[],
  nextStep: number,
  sentAt: number,
  timezone: string,
): number {
  return addCalendarDays(sentAt, stepDelays[nextStep - 1] ?? 0, timezone);
}

export interface PlannedAction {
  at: number;
  day: DayKey;
  rowIndex: number;
  step: number;
}

export interface PlanInput {
  rules: PacingRules;
  /** `delay_days` of each step, in step order (its length is the number of steps). */
  stepDelays: readonly number[];
  pacing: PacingState;
  now: number;
  /** Started leads: their next step and when it falls due. */
  followUps: { rowIndex: number; step: number; due: number }[];
  /** Leads not started yet, in row order (only the first `limit` are needed). */
  newLeads: number[];
  /** How many new leads exist beyond those listed (for the projected finish). */
  moreNewLeads: number;
  limit: number;
}

/**
 * Simulates the engine forward: each planned action consumes a slot exactly as a real send would
 * (nextActionSlot, due follow-ups before new leads), and each step plants the lead's next one.
 * Returns the first `limit` actions and, when the simulation ran dry, the time of the last one (the
 * projected finish).
 */
export function planActions(input: PlanInput): { actions: PlannedAction[]; finishedAt: number | null } {
  const { rules, stepDelays, now, limit } = input;
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
    if (step < stepDelays.length) {
      const due = followUpDue(stepDelays, step + 1, slot.at, rules.timezone);
      const at = followUps.findIndex((f) => f.due > due);
      followUps.splice(at === -1 ? followUps.length : at, 0, { rowIndex, step: step + 1, due });
    }
  }
  const ranDry = newIdx >= input.newLeads.length && input.moreNewLeads === 0 && followUps.length === 0;
  return { actions, finishedAt: ranDry ? (actions.at(-1)?.at ?? null) : null };
}
