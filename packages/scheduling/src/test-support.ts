// Test-only helpers: an independent reference for the pacing rules built on temporal-polyfill, and a
// wall-clock reader built directly on Intl. Neither shares code with the implementation.
import { Temporal } from "temporal-polyfill";
import { nextSendSlot, type PacingRules, type PacingState, type Slot, WEEKDAYS } from "./pacing";
import { planActions } from "./plan";

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Epoch ms of an ISO instant ("2027-03-28T01:00:00Z"). */
export function utc(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
}

/** Seconds after midnight of "HH:MM" / "HH:MM:SS". */
export function wallSeconds(value: string): number {
  const [h = "0", m = "0", s = "0"] = value.split(":");
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

export function formatWall(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return s === 0 ? `${pad(h)}:${pad(m)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}

export function rules(overrides: Partial<PacingRules> = {}): PacingRules {
  return {
    timezone: "UTC",
    windowStart: "09:00",
    windowEnd: "17:00",
    sendDays: WEEKDAYS,
    dailyLimit: 1000,
    minIntervalSeconds: 60,
    ...overrides,
  };
}

/** A PacingState backed by a Map, recording actions the way the Durable Object will. */
export class MemoryState implements PacingState {
  lastActionAt: number | null;
  readonly counts: Map<string, number>;

  constructor(lastActionAt: number | null = null, counts: Record<string, number> = {}) {
    this.lastActionAt = lastActionAt;
    this.counts = new Map(Object.entries(counts));
  }

  sentOnDay = (day: string): number => this.counts.get(day) ?? 0;

  record(slot: Slot): void {
    this.counts.set(slot.day, this.sentOnDay(slot.day) + 1);
    this.lastActionAt = slot.at;
  }

  clone(): MemoryState {
    return new MemoryState(this.lastActionAt, Object.fromEntries(this.counts));
  }
}

/** Takes `count` real sends: nextSendSlot, send at that instant, record. */
export function simulate(r: PacingRules, state: MemoryState, now: number, count: number): Slot[] {
  const slots: Slot[] = [];
  let clock = now;
  for (let i = 0; i < count; i++) {
    const slot = nextSendSlot(r, state, clock);
    if (slot === null) break;
    slots.push(slot);
    state.record(slot);
    clock = slot.at;
  }
  return slots;
}

// --- Intl wall clock --------------------------------------------------------------------------------

const formats = new Map<string, Intl.DateTimeFormat>();

export interface Wall {
  /** Local date "YYYY-MM-DD". */
  date: string;
  /** Seconds after local midnight, with the millisecond fraction. */
  seconds: number;
  /** UTC offset in ms. */
  offset: number;
}

/** What the wall clock in `tz` shows at `t`, read from Intl. */
export function wallClock(tz: string, t: number): Wall {
  let format = formats.get(tz);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formats.set(tz, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(t)) parts[part.type] = part.value;
  const [y, mo, d, h, mi, s] = ["year", "month", "day", "hour", "minute", "second"].map((k) =>
    Number(parts[k]),
  );
  const wholeSecond = Math.floor(t / 1000) * 1000;
  const local = Date.UTC(y!, mo! - 1, d!, h! % 24, mi!, s!);
  return { ...wallOfLocal(local + (t - wholeSecond)), offset: local - wholeSecond };
}

/** Splits ms-since-local-epoch into date and seconds of day. */
export function wallOfLocal(local: number): { date: string; seconds: number } {
  const dayStart = Math.floor(local / DAY) * DAY;
  return { date: new Date(dayStart).toISOString().slice(0, 10), seconds: (local - dayStart) / 1000 };
}

/** Lexicographic comparison of (date, seconds). */
export function compareWall(
  a: { date: string; seconds: number },
  b: { date: string; seconds: number },
): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.seconds - b.seconds;
}

export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Monday-first weekday of a "YYYY-MM-DD", from Date alone. */
export function weekdayOf(date: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

// --- Temporal reference -----------------------------------------------------------------------------

/**
 * The instant the wall clock in `tz` first shows `date` + `seconds` (ms fraction allowed); a skipped wall
 * time resolves to the first instant after the gap.
 */
export function referenceResolve(tz: string, date: string, seconds: number): number {
  const whole = Math.floor(seconds);
  const pdt = Temporal.PlainDate.from(date).toPlainDateTime({
    hour: Math.floor(whole / 3600),
    minute: Math.floor((whole % 3600) / 60),
    second: whole % 60,
    millisecond: Math.round((seconds - whole) * 1000),
  });
  const earlier = pdt.toZonedDateTime(tz, { disambiguation: "earlier" });
  if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), pdt) === 0) return earlier.epochMilliseconds;
  const transition = earlier.getTimeZoneTransition("next");
  if (transition === null) throw new Error(`no transition after gap at ${pdt} in ${tz}`);
  return transition.epochMilliseconds;
}

export function referenceLocalDate(tz: string, t: number): string {
  return Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(tz).toPlainDate().toString();
}

/** The pacing rules re-derived with Temporal: windows per date and the greedy earliest slot. */
export class Reference {
  private readonly windows = new Map<string, { start: number; end: number }>();
  private readonly start: number;
  private readonly end: number;

  constructor(private readonly r: PacingRules) {
    this.start = wallSeconds(r.windowStart);
    this.end = wallSeconds(r.windowEnd);
  }

  /** [start, end) of the window opening on local `date` (empty when start >= end). */
  window(date: string): { start: number; end: number } {
    let w = this.windows.get(date);
    if (w === undefined) {
      const endDate = this.end < this.start ? addDaysToDate(date, 1) : date;
      w = {
        start: referenceResolve(this.r.timezone, date, this.start),
        end: referenceResolve(this.r.timezone, endDate, this.end),
      };
      this.windows.set(date, w);
    }
    return w;
  }

  isSendDay(date: string): boolean {
    return this.r.sendDays.includes(weekdayOf(date));
  }

  next(state: PacingState, now: number): Slot | null {
    const earliest =
      state.lastActionAt === null
        ? now
        : Math.max(now, state.lastActionAt + this.r.minIntervalSeconds * 1000);
    let date = addDaysToDate(referenceLocalDate(this.r.timezone, earliest), -1);
    for (let i = 0; i <= 400; i++, date = addDaysToDate(date, 1)) {
      if (!this.isSendDay(date) || state.sentOnDay(date) >= this.r.dailyLimit) continue;
      const { start, end } = this.window(date);
      if (start >= end || end <= earliest) continue;
      return { at: Math.max(start, earliest), day: date };
    }
    return null;
  }
}

/**
 * The first `count` slots of the visible plan of a one-step campaign with plenty of new leads: the
 * planner (planActions) reduced to its pacing, so the pacing tests also cover the plan users see.
 */
export function plannedSlots(rules: PacingRules, state: PacingState, now: number, count: number): Slot[] {
  const wanted = Math.max(0, Math.floor(count));
  const plan = planActions({
    rules,
    stepDelays: [0],
    pacing: state,
    now,
    followUps: [],
    newLeads: Array.from({ length: wanted }, (_, i) => i + 1),
    moreNewLeads: 0,
    limit: wanted,
  });
  return plan.actions.map(({ at, day }) => ({ at, day }));
}
