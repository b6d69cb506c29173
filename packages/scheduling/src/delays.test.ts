import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { addCalendarDays, startOfDayAfter } from "./delays";
import { addDaysToDate, compareWall, DAY, HOUR, referenceResolve, utc, wallClock } from "./test-support";

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

describe("Delays are calendar days in the zone across DST (never +86,400 s)", () => {
  it("America/New_York: 09:00 EST + 1 day = 09:00 EDT, 23 h later", () => {
    const from = utc("2027-03-13T14:00:00Z");
    expect(addCalendarDays(from, 1, "America/New_York")).toBe(utc("2027-03-14T13:00:00Z"));
  });

  it("Europe/Berlin: 10:00 CEST + 1 day = 10:00 CET, 25 h later", () => {
    const from = utc("2027-10-30T08:00:00Z");
    expect(addCalendarDays(from, 1, "Europe/Berlin") - from).toBe(25 * HOUR);
  });

  it("keeps the wall time over a month and a year, through both changes", () => {
    const from = utc("2027-01-15T14:30:15.250Z"); // 09:30:15.250 EST
    expect(addCalendarDays(from, 30, "America/New_York")).toBe(utc("2027-02-14T14:30:15.250Z"));
    expect(addCalendarDays(from, 181, "America/New_York")).toBe(utc("2027-07-15T13:30:15.250Z"));
    expect(addCalendarDays(from, 365, "America/New_York")).toBe(utc("2028-01-15T14:30:15.250Z"));
  });

  it("days = 0 returns from unchanged, even in a repeated hour", () => {
    const secondOneThirty = utc("2027-11-07T06:30:00Z"); // 01:30 EST, second occurrence
    expect(addCalendarDays(secondOneThirty, 0, "America/New_York")).toBe(secondOneThirty);
  });

  it("a wall time in a gap moves to the first valid instant after it", () => {
    // Berlin 02:30 CET on the 27th; the 28th has no 02:30, 03:00 CEST = 01:00Z.
    expect(addCalendarDays(utc("2027-03-27T01:30:00Z"), 1, "Europe/Berlin")).toBe(
      utc("2027-03-28T01:00:00Z"),
    );
    // New York 02:15 EST on the 13th; 03:00 EDT on the 14th = 07:00Z.
    expect(addCalendarDays(utc("2027-03-13T07:15:00Z"), 1, "America/New_York")).toBe(
      utc("2027-03-14T07:00:00Z"),
    );
  });

  it("an ambiguous wall time takes the earlier offset", () => {
    // 01:30 EDT on 11-06 -> 01:30 EDT (first occurrence) on 11-07.
    expect(addCalendarDays(utc("2027-11-06T05:30:00Z"), 1, "America/New_York")).toBe(
      utc("2027-11-07T05:30:00Z"),
    );
    // 01:30 EST on 11-08, one day back -> the first 01:30 on 11-07.
    expect(addCalendarDays(utc("2027-11-08T06:30:00Z"), -1, "America/New_York")).toBe(
      utc("2027-11-07T05:30:00Z"),
    );
  });

  it("rejects fractional days and non-finite instants", () => {
    expect(() => addCalendarDays(0, 1.5, "UTC")).toThrow(RangeError);
    expect(() => addCalendarDays(Number.NaN, 1, "UTC")).toThrow(RangeError);
  });
});

describe("property: addCalendarDays advances the local date by exactly `days` and keeps the wall time", () => {
  // Half of the cases aim `from + days` at a transition date, at a wall time between 00:00 and 04:00.
  const arb = fc
    .record({
      zone: fc.constantFrom(...ZONES),
      instant: fc.integer({ min: utc("2026-01-01T00:00:00Z"), max: utc("2028-01-01T00:00:00Z") }),
      days: fc.integer({ min: -60, max: 400 }),
      aimAtTransition: fc.boolean(),
      seconds: fc.integer({ min: 0, max: 4 * HOUR }).map((ms) => ms / 1000),
    })
    .map(({ zone, instant, days, aimAtTransition, seconds }) => {
      if (!aimAtTransition) return { zone, from: instant, days };
      const transition = Temporal.Instant.fromEpochMilliseconds(instant)
        .toZonedDateTimeISO(zone)
        .getTimeZoneTransition("next");
      if (transition === null) return { zone, from: instant, days };
      const targetDate = transition.toPlainDate().toString();
      return { zone, from: referenceResolve(zone, addDaysToDate(targetDate, -days), seconds), days };
    });

  it("agrees with Intl: same wall time (unless in a gap), date moved by `days`", () => {
    fc.assert(
      fc.property(arb, ({ zone, from, days }) => {
        const result = addCalendarDays(from, days, zone);
        const before = wallClock(zone, from);
        const after = wallClock(zone, result);
        const target = { date: addDaysToDate(before.date, days), seconds: before.seconds };
        if (compareWall(after, target) !== 0) {
          // Only allowed when the target wall time does not exist: the clock jumps over it at `result`.
          expect(days).not.toBe(0);
          expect(compareWall(after, target)).toBeGreaterThan(0);
          expect(compareWall(wallClock(zone, result - 1), target)).toBeLessThan(0);
          expect(after.date).toBe(target.date);
        } else if (days !== 0) {
          // Ambiguous target: the earlier occurrence, so no earlier instant shows the same wall time.
          for (const back of [HOUR / 2, HOUR]) {
            expect(compareWall(wallClock(zone, result - back), target)).not.toBe(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with a Temporal reference (gap: first instant after, ambiguous: earlier)", () => {
    fc.assert(
      fc.property(arb, ({ zone, from, days }) => {
        if (days === 0) return;
        const w = wallClock(zone, from);
        expect(addCalendarDays(from, days, zone)).toBe(
          referenceResolve(zone, addDaysToDate(w.date, days), w.seconds),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("is not a multiple of 86,400 s across a DST change", () => {
    const from = utc("2027-03-01T17:00:00Z");
    expect((addCalendarDays(from, 30, "America/New_York") - from) % DAY).not.toBe(0);
  });
});

describe("startOfDayAfter: the first instant after a stated date, in the campaign's zone", () => {
  it("is local midnight of the next day", () => {
    expect(startOfDayAfter("2027-03-15", "UTC")).toBe(utc("2027-03-16T00:00:00Z"));
    expect(startOfDayAfter("2027-03-15", "Europe/Berlin")).toBe(utc("2027-03-15T23:00:00Z"));
    expect(startOfDayAfter("2027-07-15", "America/New_York")).toBe(utc("2027-07-16T04:00:00Z"));
  });

  it("moves a midnight that does not exist (Santiago's spring-forward) to the first valid instant", () => {
    // 2026-09-06 00:00 does not exist in America/Santiago (clocks go from 00:00 to 01:00, -04 to -03).
    expect(startOfDayAfter("2026-09-05", "America/Santiago")).toBe(utc("2026-09-06T04:00:00Z"));
  });

  it("refuses anything but YYYY-MM-DD", () => {
    expect(() => startOfDayAfter("15/03/2027", "UTC")).toThrow(RangeError);
  });
});
