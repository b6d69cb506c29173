import { describe, expect, it } from "vitest";
import { nextSendSlot, notSendingReason, WEEKDAYS, windowDayOf } from "./pacing";
import { MemoryState, plannedSlots, rules, simulate, utc } from "./test-support";

// 2027-01-04 is a Monday.

describe("Window: wall-clock time in the campaign timezone", () => {
  const ny = rules({ timezone: "America/New_York", windowStart: "09:00", windowEnd: "17:00" });

  it("opens at windowStart local time in the zone, in winter and in summer", () => {
    // 07:00 EST -> 09:00 EST = 14:00Z
    expect(nextSendSlot(ny, new MemoryState(), utc("2027-01-12T12:00:00Z"))).toEqual({
      at: utc("2027-01-12T14:00:00Z"),
      day: "2027-01-12",
    });
    // 08:00 EDT -> 09:00 EDT = 13:00Z
    expect(nextSendSlot(ny, new MemoryState(), utc("2027-07-13T12:00:00Z"))).toEqual({
      at: utc("2027-07-13T13:00:00Z"),
      day: "2027-07-13",
    });
  });

  it("an action may start immediately inside the window", () => {
    const now = utc("2027-01-12T15:12:34.567Z");
    expect(nextSendSlot(ny, new MemoryState(), now)).toEqual({ at: now, day: "2027-01-12" });
    expect(notSendingReason(ny, new MemoryState(), now)).toBeNull();
  });

  it("closes at windowEnd (exclusive): the next slot is the next window's start", () => {
    expect(nextSendSlot(ny, new MemoryState(), utc("2027-01-12T21:59:59.999Z"))?.day).toBe("2027-01-12");
    expect(nextSendSlot(ny, new MemoryState(), utc("2027-01-12T22:00:00Z"))).toEqual({
      at: utc("2027-01-13T14:00:00Z"),
      day: "2027-01-13",
    });
    expect(notSendingReason(ny, new MemoryState(), utc("2027-01-12T22:00:00Z"))).toBe("outside_window");
  });

  it("accepts HH:MM:SS bounds", () => {
    const r = rules({ windowStart: "09:00:30", windowEnd: "09:00:45", minIntervalSeconds: 5 });
    const slots = plannedSlots(r, new MemoryState(), utc("2027-01-12T00:00:00Z"), 4);
    expect(slots.map((s) => s.at)).toEqual([
      utc("2027-01-12T09:00:30Z"),
      utc("2027-01-12T09:00:35Z"),
      utc("2027-01-12T09:00:40Z"),
      utc("2027-01-13T09:00:30Z"),
    ]);
  });

  it("rejects malformed wall times and start === end", () => {
    for (const bad of ["9:00", "09:60", "24:00", "09:00:60", "0900", "09:00:0", "ab:cd"]) {
      expect(() => nextSendSlot(rules({ windowStart: bad }), new MemoryState(), 0)).toThrow(RangeError);
    }
    expect(() =>
      nextSendSlot(rules({ windowStart: "09:00", windowEnd: "09:00:00" }), new MemoryState(), 0),
    ).toThrow(RangeError);
  });
});

describe("Window crossing midnight belongs to the day it starts on", () => {
  const overnight = rules({ windowStart: "22:00", windowEnd: "02:00", sendDays: ["mon"] });

  it("an action at 01:00 Tuesday counts against Monday's window-day", () => {
    const tuesday1am = utc("2027-01-05T01:00:00Z");
    expect(nextSendSlot(overnight, new MemoryState(), tuesday1am)).toEqual({
      at: tuesday1am,
      day: "2027-01-04",
    });
    expect(windowDayOf(overnight, tuesday1am)).toBe("2027-01-04");
  });

  it("the window closes at 02:00 the next morning and opens again only on the next send day", () => {
    expect(nextSendSlot(overnight, new MemoryState(), utc("2027-01-05T02:00:00Z"))).toEqual({
      at: utc("2027-01-11T22:00:00Z"),
      day: "2027-01-11",
    });
    // Tuesday 22:00 would open Tuesday's window, and Tuesday is not a send day.
    expect(windowDayOf(overnight, utc("2027-01-05T23:00:00Z"))).toBeNull();
    expect(notSendingReason(overnight, new MemoryState(), utc("2027-01-05T23:00:00Z"))).toBe(
      "not_a_send_day",
    );
  });

  it("Monday's budget covers the hours after midnight", () => {
    const r = { ...overnight, dailyLimit: 2 };
    const state = new MemoryState(null, { "2027-01-04": 2 });
    expect(notSendingReason(r, state, utc("2027-01-05T01:00:00Z"))).toBe("daily_limit_reached");
    expect(nextSendSlot(r, state, utc("2027-01-05T01:00:00Z"))?.day).toBe("2027-01-11");
  });

  it("a Sunday-night window opened on a send day reaches into Monday", () => {
    const r = rules({ windowStart: "23:00", windowEnd: "01:00", sendDays: ["sun"] });
    expect(windowDayOf(r, utc("2027-01-11T00:30:00Z"))).toBe("2027-01-10");
    expect(windowDayOf(r, utc("2027-01-11T23:30:00Z"))).toBeNull();
  });
});

describe("Days: a window opens only on send days, in the campaign timezone", () => {
  const weekdays = rules({ sendDays: ["mon", "tue", "wed", "thu", "fri"] });

  it("after Friday's window the next slot is Monday", () => {
    expect(nextSendSlot(weekdays, new MemoryState(), utc("2027-01-08T18:00:00Z"))).toEqual({
      at: utc("2027-01-11T09:00:00Z"),
      day: "2027-01-11",
    });
  });

  it("Saturday inside window hours is not a send day", () => {
    expect(notSendingReason(weekdays, new MemoryState(), utc("2027-01-09T10:00:00Z"))).toBe("not_a_send_day");
    expect(windowDayOf(weekdays, utc("2027-01-09T10:00:00Z"))).toBeNull();
  });

  it("the weekday is the local one, not UTC's (Asia/Kolkata Monday 00:30 is Sunday 19:00Z)", () => {
    const r = rules({
      timezone: "Asia/Kolkata",
      windowStart: "00:30",
      windowEnd: "03:00",
      sendDays: ["mon"],
    });
    const sunday19z = utc("2027-01-10T19:00:00Z");
    expect(nextSendSlot(r, new MemoryState(), sunday19z)).toEqual({ at: sunday19z, day: "2027-01-11" });
  });

  it("no send days: no slot (null) and the reason is not_a_send_day", () => {
    const none = rules({ sendDays: [] });
    expect(nextSendSlot(none, new MemoryState(), utc("2027-01-04T10:00:00Z"))).toBeNull();
    expect(notSendingReason(none, new MemoryState(), utc("2027-01-04T10:00:00Z"))).toBe("not_a_send_day");
    expect(plannedSlots(none, new MemoryState(), utc("2027-01-04T10:00:00Z"), 5)).toEqual([]);
  });

  it("sendDays order and duplicates do not matter", () => {
    const a = rules({ sendDays: ["fri", "mon", "mon"] });
    const b = rules({ sendDays: ["mon", "fri"] });
    const now = utc("2027-01-05T10:00:00Z");
    expect(plannedSlots(a, new MemoryState(), now, 5)).toEqual(plannedSlots(b, new MemoryState(), now, 5));
  });
});

describe("Daily limit: at most dailyLimit actions start per window-day", () => {
  const r = rules({ dailyLimit: 3, minIntervalSeconds: 60 });

  it("uses the day's budget, then moves to the next window", () => {
    const slots = simulate(r, new MemoryState(), utc("2027-01-04T09:00:00Z"), 4);
    expect(slots).toEqual([
      { at: utc("2027-01-04T09:00:00Z"), day: "2027-01-04" },
      { at: utc("2027-01-04T09:01:00Z"), day: "2027-01-04" },
      { at: utc("2027-01-04T09:02:00Z"), day: "2027-01-04" },
      { at: utc("2027-01-05T09:00:00Z"), day: "2027-01-05" },
    ]);
  });

  it("counts actions already recorded by the caller (sentOnDay)", () => {
    const state = new MemoryState(utc("2027-01-04T09:30:00Z"), { "2027-01-04": 3 });
    expect(notSendingReason(r, state, utc("2027-01-04T12:00:00Z"))).toBe("daily_limit_reached");
    expect(nextSendSlot(r, state, utc("2027-01-04T12:00:00Z"))?.at).toBe(utc("2027-01-05T09:00:00Z"));
  });

  it("a limit of 1 gives one action per day", () => {
    const slots = plannedSlots({ ...r, dailyLimit: 1 }, new MemoryState(), utc("2027-01-04T12:00:00Z"), 3);
    expect(slots.map((s) => s.day)).toEqual(["2027-01-04", "2027-01-05", "2027-01-06"]);
  });

  it("asks sentOnDay only about the window-day it is about to use", () => {
    const asked: string[] = [];
    const state = {
      lastActionAt: null,
      sentOnDay: (day: string) => {
        asked.push(day);
        return 0;
      },
    };
    nextSendSlot(r, state, utc("2027-01-04T20:00:00Z"));
    expect(asked).toEqual(["2027-01-05"]);
  });

  it("no budget anywhere within the horizon: null", () => {
    const exhausted = { lastActionAt: null, sentOnDay: () => Number.POSITIVE_INFINITY };
    expect(nextSendSlot(r, exhausted, utc("2027-01-04T10:00:00Z"))).toBeNull();
  });
});

describe("Spacing: two actions start at least minIntervalSeconds apart", () => {
  const r = rules({ minIntervalSeconds: 600 });

  it("waits out the interval after the last action", () => {
    const state = new MemoryState(utc("2027-01-04T10:00:00Z"));
    expect(notSendingReason(r, state, utc("2027-01-04T10:05:00Z"))).toBe("waiting_min_interval");
    expect(nextSendSlot(r, state, utc("2027-01-04T10:05:00Z"))?.at).toBe(utc("2027-01-04T10:10:00Z"));
  });

  it("no burst when a window opens: the backlog is paced from the opening", () => {
    const slots = plannedSlots(
      r,
      new MemoryState(utc("2027-01-03T16:59:00Z")),
      utc("2027-01-04T03:00:00Z"),
      3,
    );
    expect(slots.map((s) => s.at)).toEqual([
      utc("2027-01-04T09:00:00Z"),
      utc("2027-01-04T09:10:00Z"),
      utc("2027-01-04T09:20:00Z"),
    ]);
  });

  it("no catch-up after downtime or a resume: missed work is not sent faster", () => {
    const state = new MemoryState(utc("2027-01-01T10:00:00Z"));
    const now = utc("2027-01-04T13:00:00Z");
    expect(plannedSlots(r, state, now, 3).map((s) => s.at)).toEqual([now, now + 600_000, now + 1_200_000]);
  });

  it("an interval reaching past the window end moves to the next window", () => {
    const state = new MemoryState(utc("2027-01-04T16:55:00Z"));
    expect(nextSendSlot(r, state, utc("2027-01-04T16:56:00Z"))?.at).toBe(utc("2027-01-05T09:00:00Z"));
  });

  it("spacing spans windows: a late action delays the next window's first one", () => {
    const longDay = rules({ windowStart: "00:00", windowEnd: "23:30", minIntervalSeconds: 3600 });
    const state = new MemoryState(utc("2027-01-03T23:29:00Z"));
    expect(nextSendSlot(longDay, state, utc("2027-01-04T00:00:00Z"))).toEqual({
      at: utc("2027-01-04T00:29:00Z"),
      day: "2027-01-04",
    });
  });

  it("a 1 s interval is honoured exactly", () => {
    const fast = rules({ minIntervalSeconds: 1 });
    const now = utc("2027-01-04T12:00:00Z");
    expect(plannedSlots(fast, new MemoryState(), now, 3).map((s) => s.at)).toEqual([
      now,
      now + 1000,
      now + 2000,
    ]);
  });
});

describe("notSendingReason precedence: not_a_send_day, outside_window, daily_limit_reached, waiting_min_interval", () => {
  const r = rules({ sendDays: ["mon", "tue", "wed", "thu", "fri"], dailyLimit: 2, minIntervalSeconds: 3600 });
  const busy = new MemoryState(utc("2027-01-09T10:30:00Z"), { "2027-01-09": 2, "2027-01-11": 2 });

  it("a day that is not a send day beats every other reason", () => {
    expect(notSendingReason(r, busy, utc("2027-01-09T11:00:00Z"))).toBe("not_a_send_day");
    expect(notSendingReason(r, busy, utc("2027-01-09T20:00:00Z"))).toBe("not_a_send_day");
  });

  it("outside the window on a send day", () => {
    expect(notSendingReason(r, busy, utc("2027-01-11T07:00:00Z"))).toBe("outside_window");
  });

  it("the day's budget beats spacing", () => {
    const state = new MemoryState(utc("2027-01-11T10:30:00Z"), { "2027-01-11": 2 });
    expect(notSendingReason(r, state, utc("2027-01-11T11:00:00Z"))).toBe("daily_limit_reached");
  });

  it("spacing last, and null when an action may start", () => {
    const state = new MemoryState(utc("2027-01-11T10:30:00Z"), { "2027-01-11": 1 });
    expect(notSendingReason(r, state, utc("2027-01-11T11:00:00Z"))).toBe("waiting_min_interval");
    expect(notSendingReason(r, state, utc("2027-01-11T11:30:00Z"))).toBeNull();
  });
});

describe("the visible plan (planActions) is nextSendSlot applied in a loop", () => {
  const r = rules({
    timezone: "Europe/Berlin",
    dailyLimit: 4,
    minIntervalSeconds: 5400,
    sendDays: ["tue", "thu"],
  });

  it("equals a run of real sends", () => {
    const now = utc("2027-03-20T12:00:00Z");
    const planned = plannedSlots(r, new MemoryState(null, { "2027-03-23": 1 }), now, 30);
    const sent = simulate(r, new MemoryState(null, { "2027-03-23": 1 }), now, 30);
    expect(planned).toHaveLength(30);
    expect(planned).toEqual(sent);
  });

  it("does not change the caller's state", () => {
    const state = new MemoryState(utc("2027-03-20T12:00:00Z"), { "2027-03-23": 1 });
    let reads = 0;
    const counting = {
      lastActionAt: state.lastActionAt,
      sentOnDay: (d: string) => {
        reads++;
        return state.sentOnDay(d);
      },
    };
    const planned = plannedSlots(r, counting, utc("2027-03-21T00:00:00Z"), 12);
    expect(state.lastActionAt).toBe(utc("2027-03-20T12:00:00Z"));
    expect(state.counts).toEqual(new Map([["2027-03-23", 1]]));
    expect(planned).toHaveLength(12);
    expect(reads).toBeGreaterThan(0);
  });

  it("count 0 (or less) plans nothing", () => {
    expect(plannedSlots(r, new MemoryState(), 0, 0)).toEqual([]);
    expect(plannedSlots(r, new MemoryState(), 0, -3)).toEqual([]);
  });
});

describe("windowDayOf", () => {
  it("is the window-day of an instant inside an open window, null outside", () => {
    const r = rules({ sendDays: WEEKDAYS });
    expect(windowDayOf(r, utc("2027-01-04T09:00:00Z"))).toBe("2027-01-04");
    expect(windowDayOf(r, utc("2027-01-04T16:59:59.999Z"))).toBe("2027-01-04");
    expect(windowDayOf(r, utc("2027-01-04T17:00:00Z"))).toBeNull();
    expect(windowDayOf(r, utc("2027-01-04T08:59:59.999Z"))).toBeNull();
  });
});

describe("input validation", () => {
  it("rejects non-finite instants and unknown zones", () => {
    expect(() => nextSendSlot(rules(), new MemoryState(), Number.NaN)).toThrow(RangeError);
    expect(() => windowDayOf(rules(), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => nextSendSlot(rules({ timezone: "Mars/Olympus" }), new MemoryState(), 0)).toThrow(RangeError);
  });
});
