import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { nextSendSlot, notSendingReason, type PacingRules, type Slot, WEEKDAYS, windowDayOf } from "./pacing";
import {
  addDaysToDate,
  compareWall,
  DAY,
  formatWall,
  HOUR,
  MemoryState,
  plannedSlots,
  Reference,
  referenceLocalDate,
  simulate,
  utc,
  wallClock,
  wallOfLocal,
  wallSeconds,
  weekdayOf,
} from "./test-support";

// Simulated runs: repeatedly take nextSendSlot and record it (as the Durable Object does), then check
// every Pacing rule on the sequence with code that does not share the implementation's maths.

const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Amman",
  "Asia/Kolkata",
  "Pacific/Chatham",
];
const ACTIONS = 200;
const FROM = utc("2026-01-01T00:00:00Z");
const TO = utc("2028-01-01T00:00:00Z");

const wallTime = fc.oneof(
  fc.integer({ min: 0, max: 1439 }).map((m) => formatWall(m * 60)),
  // 00:00-04:00 local, where the transitions of these zones happen.
  fc.integer({ min: 0, max: 240 }).map((m) => formatWall(m * 60)),
  fc.integer({ min: 0, max: 86_399 }).map(formatWall),
);

const rulesArb: fc.Arbitrary<PacingRules> = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    windowStart: wallTime,
    windowEnd: wallTime,
    sendDays: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    dailyLimit: fc.integer({ min: 1, max: 50 }),
    minIntervalSeconds: fc.integer({ min: 1, max: 7200 }),
  })
  .filter((r) => wallSeconds(r.windowStart) !== wallSeconds(r.windowEnd));

interface Run {
  rules: PacingRules;
  start: number;
  initial: MemoryState;
  slots: Slot[];
}

const runArb: fc.Arbitrary<Run> = fc
  .record({
    rules: rulesArb,
    start: fc.integer({ min: FROM, max: TO }),
    // Half of the runs start shortly before one of the zone's transitions...
    nearTransition: fc.boolean(),
    lead: fc.integer({ min: 0, max: 3 * DAY }),
    // ...and half of those put a window edge near the transition's wall time (gaps, repeats, empty windows).
    windowAtTransition: fc.boolean(),
    windowOffsetMinutes: fc.integer({ min: -90, max: 60 }),
    windowMinutes: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 300 })),
    lastActionAgo: fc.option(fc.integer({ min: 0, max: 7200_000 }), { nil: null }),
    alreadySentToday: fc.integer({ min: 0, max: 50 }),
  })
  .map((g) => {
    let rules = g.rules;
    let start = g.start;
    if (g.nearTransition) {
      const next = Temporal.Instant.fromEpochMilliseconds(g.start)
        .toZonedDateTimeISO(rules.timezone)
        .getTimeZoneTransition("next");
      if (next !== null && next.epochMilliseconds < TO + 30 * DAY) {
        start = next.epochMilliseconds - g.lead;
        if (g.windowAtTransition) {
          const clockBefore = wallClock(rules.timezone, next.epochMilliseconds - 1).seconds;
          const opens = (Math.floor(clockBefore / 60) + 1 + g.windowOffsetMinutes + 1440) % 1440;
          const closes = (opens + g.windowMinutes) % 1440;
          if (opens !== closes) {
            rules = { ...rules, windowStart: formatWall(opens * 60), windowEnd: formatWall(closes * 60) };
          }
        }
      }
    }
    const today = referenceLocalDate(rules.timezone, start);
    const initial = new MemoryState(g.lastActionAgo === null ? null : start - g.lastActionAgo, {
      [today]: g.alreadySentToday,
    });
    const slots = simulate(rules, initial.clone(), start, ACTIONS);
    return { rules, start, initial, slots };
  });

function countsByDay(slots: Slot[], initial: MemoryState): Map<string, number> {
  const counts = new Map(initial.counts);
  for (const s of slots) counts.set(s.day, (counts.get(s.day) ?? 0) + 1);
  return counts;
}

describe("property: a simulated run obeys every Pacing rule", () => {
  it("finds a slot for every action (send days exist, the horizon is never reached)", () => {
    fc.assert(
      fc.property(runArb, ({ slots }) => {
        expect(slots).toHaveLength(ACTIONS);
      }),
      { numRuns: 200 },
    );
  });

  it("Window: every action starts inside its window by the local wall clock (read from Intl)", () => {
    fc.assert(
      fc.property(runArb, ({ rules, slots }) => {
        const start = wallSeconds(rules.windowStart);
        const end = wallSeconds(rules.windowEnd);
        for (const slot of slots) {
          const opens = { date: slot.day, seconds: start };
          const closes = { date: end < start ? addDaysToDate(slot.day, 1) : slot.day, seconds: end };
          const wall = wallClock(rules.timezone, slot.at);
          // Strictly before the window's end on the wall clock...
          expect(compareWall(wall, closes)).toBeLessThan(0);
          // ...and at or after its start, allowing for a fall-back during the window: the clock as it
          // read before any shift in the last 3 h must have reached the start.
          const earlier = wallClock(rules.timezone, slot.at - 3 * HOUR);
          const continued = wallOfLocal(slot.at + Math.max(wall.offset, earlier.offset));
          expect(compareWall(continued, opens)).toBeGreaterThanOrEqual(0);
          if (compareWall(wall, opens) < 0) expect(earlier.offset).toBeGreaterThan(wall.offset);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("Days: every action's window-day is a send day", () => {
    fc.assert(
      fc.property(runArb, ({ rules, slots }) => {
        for (const slot of slots) expect(rules.sendDays).toContain(weekdayOf(slot.day));
      }),
      { numRuns: 200 },
    );
  });

  it("Daily limit: never more than dailyLimit actions per window-day (including ones sent before)", () => {
    fc.assert(
      fc.property(runArb, ({ rules, slots, initial }) => {
        const counts = countsByDay(slots, initial);
        for (const slot of slots) expect(counts.get(slot.day)).toBeLessThanOrEqual(rules.dailyLimit);
      }),
      { numRuns: 200 },
    );
  });

  it("Spacing: slots strictly increase and are at least minIntervalSeconds apart", () => {
    fc.assert(
      fc.property(runArb, ({ rules, slots, start, initial }) => {
        let previous = initial.lastActionAt;
        expect(slots[0]!.at).toBeGreaterThanOrEqual(start);
        for (const slot of slots) {
          if (previous !== null) {
            expect(slot.at).toBeGreaterThan(previous);
            expect(slot.at - previous).toBeGreaterThanOrEqual(rules.minIntervalSeconds * 1000);
          }
          previous = slot.at;
        }
      }),
      { numRuns: 200 },
    );
  });

  it("Time zones: no send day is skipped or doubled at a transition (checked against Temporal windows)", () => {
    fc.assert(
      fc.property(runArb, ({ rules, slots, initial }) => {
        const reference = new Reference(rules);
        const interval = rules.minIntervalSeconds * 1000;
        const counts = new Map(initial.counts);
        // A window-day's actions are contiguous: once the run leaves a day it never comes back (no day
        // opens twice).
        const seen = new Set<string>();
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i]!;
          const prev = slots[i - 1];
          if (prev !== undefined && prev.day !== slot.day) {
            expect(seen.has(slot.day)).toBe(false);
            expect(slot.day > prev.day).toBe(true);
            // Leaving a day with budget left: its window had closed before spacing allowed another action.
            if ((counts.get(prev.day) ?? 0) < rules.dailyLimit) {
              expect(reference.window(prev.day).end).toBeLessThanOrEqual(prev.at + interval);
            }
            // Every send day in between with budget was unusable: empty, or closed before spacing allowed.
            for (let day = addDaysToDate(prev.day, 1); day < slot.day; day = addDaysToDate(day, 1)) {
              if (!reference.isSendDay(day) || (counts.get(day) ?? 0) >= rules.dailyLimit) continue;
              const w = reference.window(day);
              expect(w.start >= w.end || w.end <= prev.at + interval).toBe(true);
            }
          }
          seen.add(slot.day);
          counts.set(slot.day, (counts.get(slot.day) ?? 0) + 1);
          // Inside the reference window of its day.
          const w = reference.window(slot.day);
          expect(slot.at).toBeGreaterThanOrEqual(w.start);
          expect(slot.at).toBeLessThan(w.end);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("each action is the earliest one the rules allow (a Temporal reference implementation agrees)", () => {
    fc.assert(
      fc.property(runArb, ({ rules, slots, start, initial }) => {
        const reference = new Reference(rules);
        const state = initial.clone();
        let clock = start;
        for (const slot of slots) {
          expect(reference.next(state, clock)).toEqual(slot);
          state.record(slot);
          clock = slot.at;
        }
      }),
      { numRuns: 100 },
    );
  });

  it("the visible plan equals the simulated run", () => {
    fc.assert(
      fc.property(runArb, ({ rules, slots, start, initial }) => {
        expect(plannedSlots(rules, initial, start, ACTIONS)).toEqual(slots);
      }),
      { numRuns: 200 },
    );
  });

  it("windowDayOf names each slot's window-day, and notSendingReason is null at each slot", () => {
    fc.assert(
      fc.property(runArb, ({ rules, slots, initial }) => {
        const state = initial.clone();
        for (const slot of slots) {
          expect(windowDayOf(rules, slot.at)).toBe(slot.day);
          expect(notSendingReason(rules, state, slot.at)).toBeNull();
          state.record(slot);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("property: notSendingReason agrees with nextSendSlot at any instant", () => {
  it("null exactly when nextSendSlot(now) is now; a window reason exactly when outside open windows", () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.integer({ min: FROM, max: TO }),
        fc.option(fc.integer({ min: 0, max: 3 * HOUR }), { nil: null }),
        fc.integer({ min: 0, max: 60 }),
        (rules, now, lastAgo, sentToday) => {
          const state = {
            lastActionAt: lastAgo === null ? null : now - lastAgo,
            sentOnDay: () => sentToday,
          };
          const reason = notSendingReason(rules, state, now);
          const slot = nextSendSlot(rules, state, now);
          expect(reason === null).toBe(slot !== null && slot.at === now);
          const day = windowDayOf(rules, now);
          if (reason === "outside_window" || reason === "not_a_send_day") expect(day).toBeNull();
          else expect(day).not.toBeNull();
          if (reason === "daily_limit_reached") expect(sentToday).toBeGreaterThanOrEqual(rules.dailyLimit);
          if (reason === "waiting_min_interval")
            expect(lastAgo).toBeLessThan(rules.minIntervalSeconds * 1000);
        },
      ),
      { numRuns: 300 },
    );
  });
});
