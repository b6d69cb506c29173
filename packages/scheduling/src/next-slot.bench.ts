// Micro-benchmarks of the send path: `npx vitest bench --run` in packages/scheduling.
// Each task runs BATCH calls, so divide the reported times by BATCH for the cost of one call.
import { bench, describe } from "vitest";
import { addCalendarDays } from "./delays";
import { nextSendSlot, notSendingReason, type PacingRules, type PacingState } from "./pacing";
import { plannedSlots } from "./test-support";
import { clearZoneCache } from "./zone";

const BATCH = 100;
const MINUTE = 60_000;
const DAY = 86_400_000;

const weekdays: PacingRules = {
  timezone: "America/New_York",
  windowStart: "09:00",
  windowEnd: "17:00",
  sendDays: ["mon", "tue", "wed", "thu", "fri"],
  dailyLimit: 500,
  minIntervalSeconds: 60,
};
const berlinGap: PacingRules = {
  ...weekdays,
  timezone: "Europe/Berlin",
  windowStart: "02:30",
  windowEnd: "05:00",
};
const lordHoweOvernight: PacingRules = {
  ...weekdays,
  timezone: "Australia/Lord_Howe",
  windowStart: "22:00",
  windowEnd: "02:30",
  sendDays: ["mon", "wed", "fri"],
};

const counts = new Map<string, number>([["2027-01-13", 120]]);
const state: PacingState = { lastActionAt: null, sentOnDay: (day) => counts.get(day) ?? 0 };

/** BATCH instants starting at `from`, `step` apart. */
function instants(from: number, step: number): number[] {
  return Array.from({ length: BATCH }, (_, i) => from + i * step);
}

const inWindow = instants(Date.parse("2027-01-13T14:00:00Z"), 4 * MINUTE); // Wed 09:00-15:40 EST
const fridayEvening = instants(Date.parse("2027-01-15T22:30:00Z"), 7 * MINUTE); // next slot: Monday
const berlinSpringDay = instants(Date.parse("2027-03-27T20:00:00Z"), 3 * MINUTE); // window opens in the gap
const lordHoweNights = instants(Date.parse("2027-03-29T00:00:00Z"), 53 * MINUTE);
const spread = instants(Date.parse("2026-01-01T12:00:00Z"), 7 * DAY + 13 * MINUTE); // ~2 years

let sink = 0;

describe(`nextSendSlot (${BATCH} calls per sample)`, () => {
  bench("inside the window, budget left (answer: now)", () => {
    for (const now of inWindow) sink += nextSendSlot(weekdays, state, now)?.at ?? 0;
  });
  bench("Friday evening, next slot Monday", () => {
    for (const now of fridayEvening) sink += nextSendSlot(weekdays, state, now)?.at ?? 0;
  });
  bench("Europe/Berlin spring-forward day, window starting in the gap", () => {
    for (const now of berlinSpringDay) sink += nextSendSlot(berlinGap, state, now)?.at ?? 0;
  });
  bench("Australia/Lord_Howe overnight window, across the April shift", () => {
    for (const now of lordHoweNights) sink += nextSendSlot(lordHoweOvernight, state, now)?.at ?? 0;
  });
  bench("instants spread over two years (cache warm)", () => {
    for (const now of spread) sink += nextSendSlot(weekdays, state, now)?.at ?? 0;
  });
  bench("cold: zone cache cleared before each call (first call after a wake-up)", () => {
    for (const now of inWindow) {
      clearZoneCache();
      sink += nextSendSlot(weekdays, state, now)?.at ?? 0;
    }
  });
});

describe(`the rest of the send path (${BATCH} calls per sample)`, () => {
  bench("notSendingReason inside the window", () => {
    for (const now of inWindow) sink += notSendingReason(weekdays, state, now) === null ? 1 : 0;
  });
  bench("addCalendarDays(+3) in America/New_York", () => {
    for (const now of spread) sink += addCalendarDays(now, 3, "America/New_York");
  });
  bench("planActions: 1 call planning BATCH first steps", () => {
    sink += plannedSlots({ ...weekdays, dailyLimit: 30 }, state, inWindow[0]!, BATCH).length;
  });
});

// Keep the results observable so the engine cannot drop the calls.
if (sink === Number.NEGATIVE_INFINITY) console.log(sink);
