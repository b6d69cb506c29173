import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { daysFromCivil, isoDate, weekdayIndex } from "./calendar";
import { DAY, HOUR, referenceResolve, utc, wallOfLocal } from "./test-support";
import { isValidTimeZone, Zone, zoneFor } from "./zone";

// The zone engine (Intl + per-zone offset cache) against temporal-polyfill, over zones with unusual rules.
const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Amman",
  "Asia/Kolkata",
  "Pacific/Chatham",
  "Antarctica/Troll", // two-hour shift
  "Europe/Dublin", // negative DST in tzdata
  "Africa/Casablanca", // suspended around Ramadan: several transitions a year
  "America/St_Johns",
  "Asia/Kathmandu",
  "Pacific/Apia",
];
const FROM = utc("2015-01-01T00:00:00Z");
const TO = utc("2035-01-01T00:00:00Z");

describe("zone engine agrees with Temporal", () => {
  it("offsetAt: the UTC offset at any instant", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (tz, t) => {
        const expected =
          Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(tz).offsetNanoseconds / 1e6;
        // A fresh Zone for half the checks, the shared (warm) one for the other half.
        expect(new Zone(tz).offsetAt(t)).toBe(expected);
        expect(zoneFor(tz).offsetAt(t)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("offsetAt is exact to the millisecond around every transition", () => {
    for (const tz of ZONES) {
      let zdt: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(
        utc("2024-01-01T00:00:00Z"),
      ).toZonedDateTimeISO(tz);
      const zone = new Zone(tz);
      for (let i = 0; i < 8; i++) {
        zdt = zdt.getTimeZoneTransition("next");
        if (zdt === null || zdt.epochMilliseconds > TO) break;
        const at = zdt.epochMilliseconds;
        const before = zdt.subtract({ milliseconds: 1 }).offsetNanoseconds / 1e6;
        expect(zone.offsetAt(at - 1), `${tz} ${zdt}`).toBe(before);
        expect(zone.offsetAt(at), `${tz} ${zdt}`).toBe(zdt.offsetNanoseconds / 1e6);
      }
    }
  });

  it("fromLocal: first occurrence of a wall time, or the first instant after a gap", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: FROM, max: TO }),
        fc.boolean(),
        fc.integer({ min: 0, max: DAY - 1 }),
        (tz, t, nearTransition, timeOfDay) => {
          let local = zoneFor(tz).toLocal(t);
          if (nearTransition) {
            const next = Temporal.Instant.fromEpochMilliseconds(t)
              .toZonedDateTimeISO(tz)
              .getTimeZoneTransition("next");
            if (next === null) return;
            // Same local date as the transition, wall time within 3 h of it.
            local =
              next.epochMilliseconds + next.offsetNanoseconds / 1e6 + ((timeOfDay % (6 * HOUR)) - 3 * HOUR);
          }
          const { date, seconds } = wallOfLocal(local);
          expect(zoneFor(tz).fromLocal(local)).toBe(referenceResolve(tz, date, seconds));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA zones and links known to Intl", () => {
    for (const tz of [...ZONES, "Etc/GMT+5", "US/Eastern", "Asia/Calcutta"])
      expect(isValidTimeZone(tz)).toBe(true);
  });

  it("rejects unknown names, empty strings and UTC offsets", () => {
    for (const tz of ["", "Mars/Olympus", "Europe/Berlinn", "+05:30", "-03:00", "EST5EDT6"]) {
      expect(isValidTimeZone(tz), tz).toBe(false);
    }
  });
});

describe("calendar arithmetic", () => {
  it("day numbers, ISO dates and weekdays agree with Date (years 1-9999)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        const date = new Date(day * DAY);
        expect(isoDate(day)).toBe(date.toISOString().slice(0, 10));
        expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(day);
        expect(weekdayIndex(day)).toBe((date.getUTCDay() + 6) % 7);
      }),
      { numRuns: 500 },
    );
  });
});
