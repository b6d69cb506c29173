import { describe, expect, it } from "vitest";
import { addCalendarDays } from "./delays";
import { nextSendSlot, notSendingReason, windowDayOf } from "./pacing";
import { HOUR, MemoryState, plannedSlots, rules, utc } from "./test-support";

// Time zones: correct across daylight-saving changes. A window that starts inside a spring-forward gap
// starts at the first valid instant after it; a fall-back hour does not open the window twice or double
// a day's budget. Transition instants below are from tzdata 2025c.

describe("spring-forward gap start: the window opens at the first valid instant after the gap", () => {
  it("Europe/Berlin 2027-03-28, window 02:30-05:00 opens at 03:00 local = 01:00Z", () => {
    const r = rules({ timezone: "Europe/Berlin", windowStart: "02:30", windowEnd: "05:00" });
    expect(nextSendSlot(r, new MemoryState(), utc("2027-03-27T23:00:00Z"))).toEqual({
      at: utc("2027-03-28T01:00:00Z"),
      day: "2027-03-28",
    });
    // The day before and after: 02:30 CET = 01:30Z, 02:30 CEST = 00:30Z.
    expect(nextSendSlot(r, new MemoryState(), utc("2027-03-26T23:00:00Z"))?.at).toBe(
      utc("2027-03-27T01:30:00Z"),
    );
    expect(nextSendSlot(r, new MemoryState(), utc("2027-03-28T23:00:00Z"))?.at).toBe(
      utc("2027-03-29T00:30:00Z"),
    );
  });

  it("America/New_York 2027-03-14, window 02:30-05:00 opens at 03:00 EDT = 07:00Z", () => {
    const r = rules({ timezone: "America/New_York", windowStart: "02:30", windowEnd: "05:00" });
    expect(nextSendSlot(r, new MemoryState(), utc("2027-03-14T05:00:00Z"))).toEqual({
      at: utc("2027-03-14T07:00:00Z"),
      day: "2027-03-14",
    });
    expect(notSendingReason(r, new MemoryState(), utc("2027-03-14T06:59:59Z"))).toBe("outside_window");
    expect(windowDayOf(r, utc("2027-03-14T07:00:00Z"))).toBe("2027-03-14");
  });

  it("a window end inside the gap ends at the first valid instant after it", () => {
    const r = rules({ timezone: "America/New_York", windowStart: "00:30", windowEnd: "02:30" });
    // 00:30 EST = 05:30Z .. 03:00 EDT = 07:00Z
    expect(windowDayOf(r, utc("2027-03-14T06:59:59Z"))).toBe("2027-03-14");
    expect(windowDayOf(r, utc("2027-03-14T07:00:00Z"))).toBeNull();
  });

  it("a window lying wholly inside the gap does not open that day", () => {
    const r = rules({ timezone: "Europe/Berlin", windowStart: "02:10", windowEnd: "02:50" });
    expect(nextSendSlot(r, new MemoryState(), utc("2027-03-27T23:00:00Z"))).toEqual({
      at: utc("2027-03-29T00:10:00Z"),
      day: "2027-03-29",
    });
  });
});

describe("fall-back hour inside the window (America/New_York 2027-11-07, window 00:30-03:00)", () => {
  // 00:30 EDT = 04:30Z; 01:00-02:00 happens twice (EDT then EST); 03:00 EST = 08:00Z.
  const r = rules({
    timezone: "America/New_York",
    windowStart: "00:30",
    windowEnd: "03:00",
    minIntervalSeconds: 1800,
  });

  it("opens once: one continuous window of 3.5 h, every slot in it counts against 2027-11-07", () => {
    const slots = plannedSlots(r, new MemoryState(), utc("2027-11-07T04:00:00Z"), 8);
    expect(slots.slice(0, 7)).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => ({
        at: utc("2027-11-07T04:30:00Z") + i * 1800_000,
        day: "2027-11-07",
      })),
    );
    expect(slots[7]).toEqual({ at: utc("2027-11-08T05:30:00Z"), day: "2027-11-08" });
  });

  it("both 01:30s are inside the same window-day; 03:00 EST closes it", () => {
    expect(windowDayOf(r, utc("2027-11-07T05:30:00Z"))).toBe("2027-11-07"); // 01:30 EDT
    expect(windowDayOf(r, utc("2027-11-07T06:30:00Z"))).toBe("2027-11-07"); // 01:30 EST
    expect(windowDayOf(r, utc("2027-11-07T07:59:59Z"))).toBe("2027-11-07");
    expect(windowDayOf(r, utc("2027-11-07T08:00:00Z"))).toBeNull();
  });

  it("the repeated hour does not double the day's budget", () => {
    const limited = { ...r, dailyLimit: 3 };
    const slots = plannedSlots(limited, new MemoryState(), utc("2027-11-07T04:00:00Z"), 4);
    expect(slots.map((s) => s.day)).toEqual(["2027-11-07", "2027-11-07", "2027-11-07", "2027-11-08"]);
    const spent = new MemoryState(utc("2027-11-07T05:30:00Z"), { "2027-11-07": 3 });
    expect(notSendingReason(limited, spent, utc("2027-11-07T06:30:00Z"))).toBe("daily_limit_reached");
  });

  it("a window starting in the repeated hour opens at its first occurrence and stays open through the repeat", () => {
    const late = rules({ timezone: "America/New_York", windowStart: "01:30", windowEnd: "03:00" });
    expect(nextSendSlot(late, new MemoryState(), utc("2027-11-07T04:00:00Z"))?.at).toBe(
      utc("2027-11-07T05:30:00Z"),
    );
    // 01:10 EST: the wall clock reads before 01:30, but this window-day's window opened at 01:30 EDT.
    expect(windowDayOf(late, utc("2027-11-07T06:10:00Z"))).toBe("2027-11-07");
  });

  it("a window ending in the repeated hour closes at the end's first occurrence and does not reopen", () => {
    const early = rules({ timezone: "America/New_York", windowStart: "00:00", windowEnd: "01:30" });
    expect(windowDayOf(early, utc("2027-11-07T05:29:59Z"))).toBe("2027-11-07");
    expect(windowDayOf(early, utc("2027-11-07T05:30:00Z"))).toBeNull();
    expect(windowDayOf(early, utc("2027-11-07T06:10:00Z"))).toBeNull(); // 01:10 EST
    expect(nextSendSlot(early, new MemoryState(), utc("2027-11-07T05:30:00Z"))?.day).toBe("2027-11-08");
  });
});

describe("Australia/Lord_Howe: 30-minute daylight-saving shift", () => {
  it("spring 2027-10-03 02:00 -> 02:30: a window from 02:10 opens at 02:30 (+11) = 15:30Z", () => {
    const r = rules({ timezone: "Australia/Lord_Howe", windowStart: "02:10", windowEnd: "04:00" });
    expect(nextSendSlot(r, new MemoryState(), utc("2027-10-02T12:00:00Z"))).toEqual({
      at: utc("2027-10-02T15:30:00Z"),
      day: "2027-10-03",
    });
  });

  it("fall 2027-04-04 02:00 -> 01:30: window 01:00-03:00 lasts 2.5 h and opens once", () => {
    const r = rules({
      timezone: "Australia/Lord_Howe",
      windowStart: "01:00",
      windowEnd: "03:00",
      minIntervalSeconds: 1800,
    });
    // 01:00 (+11) = 14:00Z .. 03:00 (+10:30) = 16:30Z
    const slots = plannedSlots(r, new MemoryState(), utc("2027-04-03T12:00:00Z"), 6);
    expect(slots.map((s) => [new Date(s.at).toISOString(), s.day])).toEqual([
      ["2027-04-03T14:00:00.000Z", "2027-04-04"],
      ["2027-04-03T14:30:00.000Z", "2027-04-04"],
      ["2027-04-03T15:00:00.000Z", "2027-04-04"],
      ["2027-04-03T15:30:00.000Z", "2027-04-04"],
      ["2027-04-03T16:00:00.000Z", "2027-04-04"],
      ["2027-04-04T14:30:00.000Z", "2027-04-05"],
    ]);
  });

  it("a calendar day across the shift is 23.5 h or 24.5 h", () => {
    const tz = "Australia/Lord_Howe";
    expect(addCalendarDays(utc("2027-10-01T22:00:00Z"), 1, tz) - utc("2027-10-01T22:00:00Z")).toBe(
      23.5 * HOUR,
    );
    expect(addCalendarDays(utc("2027-04-02T22:00:00Z"), 1, tz) - utc("2027-04-02T22:00:00Z")).toBe(
      24.5 * HOUR,
    );
  });
});

describe("Pacific/Chatham: +12:45 / +13:45", () => {
  it("a normal day: 09:00-17:00 (+13:45 in January) is 19:15Z-03:15Z, on the previous UTC date", () => {
    const r = rules({ timezone: "Pacific/Chatham" });
    expect(nextSendSlot(r, new MemoryState(), utc("2027-01-11T12:00:00Z"))).toEqual({
      at: utc("2027-01-11T19:15:00Z"),
      day: "2027-01-12",
    });
    expect(windowDayOf(r, utc("2027-01-12T03:14:59Z"))).toBe("2027-01-12");
    expect(windowDayOf(r, utc("2027-01-12T03:15:00Z"))).toBeNull();
  });

  it("spring 2027-09-26 02:45 -> 03:45: window 03:00-06:00 opens at 03:45 (+13:45) = 14:00Z", () => {
    const r = rules({ timezone: "Pacific/Chatham", windowStart: "03:00", windowEnd: "06:00" });
    expect(nextSendSlot(r, new MemoryState(), utc("2027-09-25T12:00:00Z"))).toEqual({
      at: utc("2027-09-25T14:00:00Z"),
      day: "2027-09-26",
    });
  });

  it("fall 2027-04-04 03:45 -> 02:45: window 03:00-04:00 runs 03:00 (+13:45) to 04:00 (+12:45), 2 h", () => {
    const r = rules({ timezone: "Pacific/Chatham", windowStart: "03:00", windowEnd: "04:00" });
    expect(windowDayOf(r, utc("2027-04-03T13:15:00Z"))).toBe("2027-04-04");
    expect(windowDayOf(r, utc("2027-04-03T15:14:59Z"))).toBe("2027-04-04");
    expect(windowDayOf(r, utc("2027-04-03T15:15:00Z"))).toBeNull();
  });
});

describe("Asia/Kolkata: +05:30 all year, no daylight saving", () => {
  const r = rules({ timezone: "Asia/Kolkata", windowStart: "09:00", windowEnd: "18:00" });

  it("09:00-18:00 is 03:30Z-12:30Z in January and July", () => {
    for (const date of ["2027-01-12", "2027-07-13"]) {
      expect(nextSendSlot(r, new MemoryState(), utc(`${date}T00:00:00Z`))?.at).toBe(utc(`${date}T03:30:00Z`));
      expect(windowDayOf(r, utc(`${date}T12:29:59Z`))).toBe(date);
      expect(windowDayOf(r, utc(`${date}T12:30:00Z`))).toBeNull();
    }
  });

  it("calendar days are exactly 24 h", () => {
    const from = utc("2027-03-01T04:00:00Z");
    expect(addCalendarDays(from, 365, "Asia/Kolkata") - from).toBe(365 * 24 * HOUR);
  });
});

describe("America/Santiago: transitions at local midnight", () => {
  it("spring 2027-09-05 00:00 -> 01:00: window 00:00-02:00 opens at 01:00 (-03) = 04:00Z", () => {
    const r = rules({ timezone: "America/Santiago", windowStart: "00:00", windowEnd: "02:00" });
    expect(nextSendSlot(r, new MemoryState(), utc("2027-09-05T00:00:00Z"))).toEqual({
      at: utc("2027-09-05T04:00:00Z"),
      day: "2027-09-05",
    });
  });

  it("a Saturday window ending at 00:30 in the gap closes at 01:00 (-03) = 04:00Z", () => {
    const r = rules({
      timezone: "America/Santiago",
      windowStart: "22:00",
      windowEnd: "00:30",
      sendDays: ["sat"],
    });
    expect(nextSendSlot(r, new MemoryState(), utc("2027-09-04T20:00:00Z"))).toEqual({
      at: utc("2027-09-05T02:00:00Z"),
      day: "2027-09-04",
    });
    expect(windowDayOf(r, utc("2027-09-05T03:59:59Z"))).toBe("2027-09-04");
    expect(windowDayOf(r, utc("2027-09-05T04:00:00Z"))).toBeNull();
  });

  it("fall 2027-04-04 00:00 -> Saturday 23:00: Saturday's 22:00-01:00 window opens once and lasts 4 h", () => {
    const r = rules({
      timezone: "America/Santiago",
      windowStart: "22:00",
      windowEnd: "01:00",
      sendDays: ["sat"],
      dailyLimit: 100,
      minIntervalSeconds: 3600,
    });
    // 22:00 (-03) = 01:00Z .. 01:00 (-04) = 05:00Z
    const slots = plannedSlots(r, new MemoryState(), utc("2027-04-03T20:00:00Z"), 5);
    expect(slots.map((s) => s.at)).toEqual(
      [1, 2, 3, 4].map((h) => utc("2027-04-04T00:00:00Z") + h * HOUR).concat(utc("2027-04-11T02:00:00Z")),
    );
    expect(new Set(slots.slice(0, 4).map((s) => s.day))).toEqual(new Set(["2027-04-03"]));
  });
});

describe("Asia/Amman: permanent +03 since 2022, midnight transitions before", () => {
  it("no daylight saving in 2027: 09:00-17:00 is 06:00Z-14:00Z in January and July", () => {
    const r = rules({ timezone: "Asia/Amman" });
    expect(nextSendSlot(r, new MemoryState(), utc("2027-01-12T00:00:00Z"))?.at).toBe(
      utc("2027-01-12T06:00:00Z"),
    );
    expect(nextSendSlot(r, new MemoryState(), utc("2027-07-13T00:00:00Z"))?.at).toBe(
      utc("2027-07-13T06:00:00Z"),
    );
  });

  it("spring 2022-02-25 00:00 -> 01:00: window 00:00-02:00 opens at 01:00 (+03) = 2022-02-24T22:00Z", () => {
    const r = rules({ timezone: "Asia/Amman", windowStart: "00:00", windowEnd: "02:00" });
    expect(nextSendSlot(r, new MemoryState(), utc("2022-02-24T20:00:00Z"))).toEqual({
      at: utc("2022-02-24T22:00:00Z"),
      day: "2022-02-25",
    });
  });

  it("fall 2021-10-29 01:00 -> 00:00: a window ending at 00:30 closes at its first occurrence", () => {
    const r = rules({ timezone: "Asia/Amman", windowStart: "23:00", windowEnd: "00:30" });
    // 23:00 (+03) = 20:00Z .. 00:30 (+03) = 21:30Z; 00:30 (+02) = 22:30Z does not reopen it.
    expect(windowDayOf(r, utc("2021-10-28T21:29:59Z"))).toBe("2021-10-28");
    expect(windowDayOf(r, utc("2021-10-28T21:30:00Z"))).toBeNull();
    expect(windowDayOf(r, utc("2021-10-28T22:10:00Z"))).toBeNull();
  });
});
