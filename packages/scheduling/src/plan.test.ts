import { describe, expect, it } from "vitest";
import { followUpDue, nextActionSlot, planActions, whyNotSending } from "./plan";
import { DAY, HOUR, MemoryState, rules, utc } from "./test-support";

// A Monday in January, UTC: 09:00-17:00 every day, one action an hour at most.
const MONDAY_9 = utc("2027-01-04T09:00:00Z");
const hourly = rules({ minIntervalSeconds: 3600 });

describe("nextActionSlot", () => {
  it("is null when there is nothing left to send", () => {
    expect(
      nextActionSlot(hourly, new MemoryState(), MONDAY_9, { hasNewLead: false, earliestFollowUpDue: null }),
    ).toBeNull();
  });

  it("waits for the earliest follow-up when no new lead remains", () => {
    const due = MONDAY_9 + 3 * HOUR + 5 * 60_000;
    expect(
      nextActionSlot(hourly, new MemoryState(), MONDAY_9, { hasNewLead: false, earliestFollowUpDue: due })
        ?.at,
    ).toBe(due);
  });

  it("starts a new lead at once when pacing allows", () => {
    expect(
      nextActionSlot(hourly, new MemoryState(), MONDAY_9, { hasNewLead: true, earliestFollowUpDue: null })
        ?.at,
    ).toBe(MONDAY_9);
  });
});

describe("whyNotSending", () => {
  it("names the delay when only follow-ups remain and none is due", () => {
    expect(
      whyNotSending(hourly, new MemoryState(), MONDAY_9, {
        hasNewLead: false,
        earliestFollowUpDue: MONDAY_9 + HOUR,
      }),
    ).toBe("waiting_for_delay");
  });

  it("says no_pending_leads when nothing is left, and the pacing reason otherwise", () => {
    expect(
      whyNotSending(hourly, new MemoryState(), MONDAY_9, { hasNewLead: false, earliestFollowUpDue: null }),
    ).toBe("no_pending_leads");
    expect(
      whyNotSending(hourly, new MemoryState(MONDAY_9 - 60_000), MONDAY_9, {
        hasNewLead: true,
        earliestFollowUpDue: null,
      }),
    ).toBe("waiting_min_interval");
    expect(
      whyNotSending(hourly, new MemoryState(), MONDAY_9, { hasNewLead: true, earliestFollowUpDue: null }),
    ).toBeNull();
  });
});

describe("followUpDue", () => {
  it("is the next step's delay in calendar days, same wall time in the zone (across a DST change)", () => {
    // 2027-03-28 is the spring-forward day in Europe/Berlin: 10:00 CET on the 27th -> 10:00 CEST on the 29th.
    const sentAt = utc("2027-03-27T09:00:00Z");
    expect(followUpDue([0, 2], 2, sentAt, "Europe/Berlin")).toBe(utc("2027-03-29T08:00:00Z"));
    expect(followUpDue([0, 0], 2, sentAt, "Europe/Berlin")).toBe(sentAt);
  });
});

describe("planActions", () => {
  const steps = [0, 1, 2];

  it("plans due follow-ups before new leads, each step planting the next one", () => {
    const plan = planActions({
      rules: hourly,
      stepDelays: steps,
      pacing: new MemoryState(),
      now: MONDAY_9,
      followUps: [{ rowIndex: 9, step: 2, due: MONDAY_9 + 30 * 60_000 }],
      newLeads: [1, 2],
      moreNewLeads: 0,
      limit: 20,
    });
    expect(plan.actions.slice(0, 4).map((a) => [a.rowIndex, a.step, a.at - MONDAY_9])).toEqual([
      [1, 1, 0],
      [9, 2, HOUR],
      [2, 1, 2 * HOUR],
      // Lead 9's step 3 is due two days after its step 2 (Wednesday 10:00); lead 1's step 2 on Tuesday 09:00.
      [1, 2, DAY],
    ]);
    // Every lead's every remaining step, then the plan runs dry: its last action is the projected finish.
    expect(plan.actions).toHaveLength(2 * 3 + 2);
    expect(plan.finishedAt).toBe(plan.actions.at(-1)!.at);
  });

  it("does not claim a finish while leads remain beyond the listed ones", () => {
    const plan = planActions({
      rules: hourly,
      stepDelays: [0],
      pacing: new MemoryState(),
      now: MONDAY_9,
      followUps: [],
      newLeads: [1, 2, 3],
      moreNewLeads: 10,
      limit: 3,
    });
    expect(plan.actions.map((a) => a.rowIndex)).toEqual([1, 2, 3]);
    expect(plan.finishedAt).toBeNull();
  });

  it("counts the plan's own actions against each day's limit, on top of what was already sent", () => {
    const limited = rules({ minIntervalSeconds: 60, dailyLimit: 3 });
    const plan = planActions({
      rules: limited,
      stepDelays: [0],
      pacing: new MemoryState(null, { "2027-01-04": 2 }),
      now: MONDAY_9,
      followUps: [],
      newLeads: [1, 2, 3],
      moreNewLeads: 0,
      limit: 3,
    });
    expect(plan.actions.map((a) => a.day)).toEqual(["2027-01-04", "2027-01-05", "2027-01-05"]);
  });
});
