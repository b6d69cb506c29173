import { DAY_MS, HOUR_MS, isoDate, MINUTE_MS, SECOND_MS, weekdayIndex } from "./calendar";
import { type Zone, zoneFor } from "./zone";

/** Monday first; a weekday's index here is its bit in the send-day mask. */
export const WEEKDAYS = Object.freeze(["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const);
export type Weekday = (typeof WEEKDAYS)[number];

export interface PacingRules {
  /** IANA zone, already validated. */
  timezone: string;
  /** "HH:MM" or "HH:MM:SS" wall clock in `timezone`. */
  windowStart: string;
  /** Earlier than `windowStart`: the window crosses midnight and belongs to the day it starts on. */
  windowEnd: string;
  /** Days on which a window opens (local weekday of the window start). */
  sendDays: readonly Weekday[];
  /** >= 1: max actions starting per window-day. */
  dailyLimit: number;
  /** >= 1: min spacing between two actions of the campaign. */
  minIntervalSeconds: number;
}

/**
 * The local "send day" an action counts against: the local date (YYYY-MM-DD) on which its window
 * opened. For a window that crosses midnight an action at 01:00 Tuesday belongs to Monday's window-day.
 */
export type DayKey = string;

export interface PacingState {
  /** Epoch ms of the last started action of this campaign. */
  lastActionAt: number | null;
  /** How many actions already started in that window-day. */
  sentOnDay: (day: DayKey) => number;
}

/** The reasons pacing alone gives (a subset of the engine's NotSendingReason, plan.ts). */
export type PacingReason =
  | "outside_window"
  | "not_a_send_day"
  | "daily_limit_reached"
  | "waiting_min_interval";

export interface Slot {
  /** Epoch ms. */
  at: number;
  /** The window-day the action counts against. */
  day: DayKey;
}

/** How far ahead nextSendSlot looks before giving up. */
export const HORIZON_DAYS = 400;

interface Compiled {
  zone: Zone;
  /** Window start / end as ms after local midnight. */
  start: number;
  end: number;
  /** 1 when the window ends on the next local day. */
  endDayOffset: number;
  /** Bit i set when WEEKDAYS[i] is a send day. */
  dayMask: number;
  dailyLimit: number;
  minIntervalMs: number;
}

/**
 * Rules compiled once per rules object (callers treat a PacingRules as immutable and pass the same
 * object while the rules stay the same, so a hot loop does not parse and look up the zone again).
 */
const compiledRules = new WeakMap<PacingRules, Compiled>();

function compile(rules: PacingRules): Compiled {
  let compiled = compiledRules.get(rules);
  if (!compiled) {
    compiled = compileRules(rules);
    compiledRules.set(rules, compiled);
  }
  return compiled;
}

function compileRules(rules: PacingRules): Compiled {
  const start = parseWallTime(rules.windowStart, "windowStart");
  const end = parseWallTime(rules.windowEnd, "windowEnd");
  if (start === end) throw new RangeError("windowStart must differ from windowEnd");
  let dayMask = 0;
  for (const day of rules.sendDays) {
    const index = WEEKDAYS.indexOf(day);
    if (index < 0) throw new RangeError(`Unknown weekday: ${String(day)}`);
    dayMask |= 1 << index;
  }
  return {
    zone: zoneFor(rules.timezone),
    start,
    end,
    endDayOffset: end < start ? 1 : 0,
    dayMask,
    dailyLimit: rules.dailyLimit,
    minIntervalMs: rules.minIntervalSeconds * SECOND_MS,
  };
}

/**
 * "HH:MM" or "HH:MM:SS" (00:00..23:59:59) to ms after midnight: the one wall-time parser of the
 * project (the API validates and normalises window times with it too). Throws a RangeError naming
 * `field` otherwise.
 */
export function parseWallTime(value: string, field = "time"): number {
  const ok =
    (value.length === 5 || (value.length === 8 && value.charCodeAt(5) === 58)) && value.charCodeAt(2) === 58;
  const hours = ok ? twoDigits(value, 0) : -1;
  const minutes = ok ? twoDigits(value, 3) : -1;
  const seconds = ok && value.length === 8 ? twoDigits(value, 6) : 0;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) {
    throw new RangeError(`${field} must be "HH:MM" or "HH:MM:SS", got ${JSON.stringify(value)}`);
  }
  return hours * HOUR_MS + minutes * MINUTE_MS + seconds * SECOND_MS;
}

/** Whether `value` is a wall time parseWallTime accepts. */
export function isWallTime(value: string): boolean {
  try {
    parseWallTime(value);
    return true;
  } catch {
    return false;
  }
}

/** "HH:MM:SS" of ms after midnight (the normalised form the API stores). */
export function formatWallTime(msAfterMidnight: number): string {
  const seconds = Math.floor(msAfterMidnight / SECOND_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** How long a window is, in seconds (a window whose end is before its start crosses midnight). */
export function windowLengthSeconds(windowStart: string, windowEnd: string): number {
  const start = parseWallTime(windowStart, "windowStart");
  const end = parseWallTime(windowEnd, "windowEnd");
  return ((end > start ? end - start : end - start + DAY_MS) / SECOND_MS) | 0;
}

function twoDigits(value: string, at: number): number {
  const tens = value.charCodeAt(at) - 48;
  const ones = value.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

function assertInstant(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite epoch ms, got ${value}`);
}

function isSendDay(rules: Compiled, dayNumber: number): boolean {
  return (rules.dayMask & (1 << weekdayIndex(dayNumber))) !== 0;
}

// A window-day's window is the one continuous interval [windowStartAt, windowEndAt): it opens the first
// time the wall clock shows windowStart on that date and closes the first time after that it shows
// windowEnd. Wall times skipped by a spring-forward gap resolve to the first instant after the gap. A
// window lying wholly inside a gap is empty (start === end) and that window-day has no slot.

function windowStartAt(rules: Compiled, dayNumber: number): number {
  return rules.zone.fromLocal(dayNumber * DAY_MS + rules.start);
}

function windowEndAt(rules: Compiled, dayNumber: number): number {
  return rules.zone.fromLocal((dayNumber + rules.endDayOffset) * DAY_MS + rules.end);
}

function localDayNumber(zone: Zone, at: number): number {
  return Math.floor(zone.toLocal(at) / DAY_MS);
}

/** The window-day (send day or not) whose window hours contain `at`, or null. */
function windowHoursDay(rules: Compiled, at: number): number | null {
  const today = localDayNumber(rules.zone, at);
  // Usually today's window, or yesterday's when it crosses midnight; tomorrow's only in zones whose
  // clocks jump back across midnight.
  if (windowContains(rules, today, at)) return today;
  if (windowContains(rules, today - 1, at)) return today - 1;
  if (windowContains(rules, today + 1, at)) return today + 1;
  return null;
}

function windowContains(rules: Compiled, dayNumber: number, at: number): boolean {
  return windowStartAt(rules, dayNumber) <= at && at < windowEndAt(rules, dayNumber);
}

/**
 * The earliest instant >= now at which one action may start: inside an open window on a send day whose
 * window-day still has budget, and >= lastActionAt + minInterval. null when there is none within
 * HORIZON_DAYS (e.g. no send days).
 */
export function nextSendSlot(rules: PacingRules, state: PacingState, now: number): Slot | null {
  assertInstant(now, "now");
  const compiled = compile(rules);
  return nextSlot(compiled, state, now);
}

function nextSlot(rules: Compiled, state: PacingState, now: number): Slot | null {
  if (rules.dayMask === 0) return null;
  const earliest =
    state.lastActionAt === null ? now : Math.max(now, state.lastActionAt + rules.minIntervalMs);
  // Start one day early: yesterday's window may still be open (it crosses midnight).
  const first = localDayNumber(rules.zone, earliest) - 1;
  for (let day = first; day <= first + HORIZON_DAYS; day++) {
    if (!isSendDay(rules, day)) continue;
    const end = windowEndAt(rules, day);
    if (end <= earliest) continue;
    const start = windowStartAt(rules, day);
    if (start >= end) continue;
    const key = isoDate(day);
    if (state.sentOnDay(key) >= rules.dailyLimit) continue;
    return { at: Math.max(start, earliest), day: key };
  }
  return null;
}

/**
 * Why an action cannot start at `now`, or null when it can (exactly when nextSendSlot returns `now`).
 * Precedence, coarsest rule first, so the answer names what the user would change:
 * 1. not_a_send_day: `now` is inside the window hours of a window-day that is not a send day, or outside
 *    every window on a local date that is not a send day;
 * 2. outside_window: outside every window, on a local date that is a send day;
 * 3. daily_limit_reached: inside an open window whose window-day has used its budget;
 * 4. waiting_min_interval: inside an open window with budget, but too soon after the last action.
 */
export function notSendingReason(rules: PacingRules, state: PacingState, now: number): PacingReason | null {
  assertInstant(now, "now");
  const compiled = compile(rules);
  const day = windowHoursDay(compiled, now);
  if (day === null) {
    return isSendDay(compiled, localDayNumber(compiled.zone, now)) ? "outside_window" : "not_a_send_day";
  }
  if (!isSendDay(compiled, day)) return "not_a_send_day";
  if (state.sentOnDay(isoDate(day)) >= compiled.dailyLimit) return "daily_limit_reached";
  if (state.lastActionAt !== null && now < state.lastActionAt + compiled.minIntervalMs) {
    return "waiting_min_interval";
  }
  return null;
}

/**
 * The window-day an instant belongs to: the key of the open window containing `at`, or null when `at` is
 * outside every window. Windows only open on send days, so window hours on a day that is not a send day
 * give null too.
 */
export function windowDayOf(rules: PacingRules, at: number): DayKey | null {
  assertInstant(at, "at");
  const compiled = compile(rules);
  const day = windowHoursDay(compiled, at);
  return day !== null && isSendDay(compiled, day) ? isoDate(day) : null;
}
