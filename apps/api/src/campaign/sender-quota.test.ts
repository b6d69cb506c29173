import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DAY } from "../../test/campaign-fixtures";
import { LEASE_MS, type SenderQuota } from "./sender-quota";

const NOON = Date.UTC(2027, 2, 1, 12, 0, 0);
const identity = () => env.SENDER_QUOTA.get(env.SENDER_QUOTA.idFromName(`alias:${crypto.randomUUID()}`));
const req = (id: string, at: number, want: number, dailyLimit = 100, weeklyLimit: number | null = null) => ({
  id,
  at,
  want,
  dailyLimit,
  weeklyLimit,
});

describe("SenderQuota leases units of an identity's shared caps", () => {
  it("grants what is asked up to the day's room, and asking again with the same id returns the same lease", async () => {
    const q = identity();
    expect(await q.lease(req("a:1", NOON, 4, 10))).toEqual({
      granted: true,
      units: 4,
      expiresAt: NOON + LEASE_MS,
    });
    expect(await q.lease(req("a:1", NOON + 5, 4, 10))).toEqual({
      granted: true,
      units: 4,
      expiresAt: NOON + LEASE_MS,
    });
    expect(await q.lease(req("b:1", NOON, 50, 10))).toMatchObject({ granted: true, units: 6 });
    expect(await q.lease(req("c:1", NOON, 1, 10))).toEqual({
      granted: false,
      retryAt: NOON - (NOON % DAY) + DAY,
      reason: "daily_cap",
    });
  });

  it("settling hands unused units back to every holder; a lease never settled stays counted in full", async () => {
    const q = identity();
    await q.lease(req("a:1", NOON, 5, 10));
    await q.lease(req("b:1", NOON, 5, 10));
    expect((await q.lease(req("c:1", NOON, 1, 10))).granted).toBe(false);
    // a used 2 of its 5; settling twice changes nothing.
    await q.release({ id: "a:1", used: 2 });
    await q.release({ id: "a:1", used: 0 });
    expect(await q.lease(req("c:2", NOON + 1, 9, 10))).toMatchObject({ granted: true, units: 3 });
    // b never settles: its 5 stay counted until the day ends.
    expect((await q.lease(req("c:3", NOON + LEASE_MS * 10, 1, 10))).granted).toBe(false);
    expect((await q.lease(req("c:4", NOON + DAY, 1, 10))).granted).toBe(true);
  });

  it("a new lease settles the holder's previous one in the same call", async () => {
    const q = identity();
    await q.lease(req("a:1", NOON, 6, 10));
    await q.lease(req("b:1", NOON, 4, 10));
    const next = await q.lease({ ...req("a:2", NOON + LEASE_MS, 10, 10), settle: { id: "a:1", used: 1 } });
    expect(next).toMatchObject({ granted: true, units: 5 });
  });

  it("no lease outlives its UTC day, so units are never spent on the next day's budget", async () => {
    const q = identity();
    const lateEvening = NOON - (NOON % DAY) + DAY - 10_000;
    expect(await q.lease(req("a:1", lateEvening, 5))).toMatchObject({
      granted: true,
      expiresAt: NOON - (NOON % DAY) + DAY,
    });
  });

  it("a weekly cap counts a rolling 7 days from each lease's expiry and says when room returns", async () => {
    const q = identity();
    expect(await q.lease(req("a:1", NOON, 3, 100, 5))).toMatchObject({ granted: true, units: 3 });
    expect(await q.lease(req("a:2", NOON + DAY, 9, 100, 5))).toMatchObject({ granted: true, units: 2 });
    expect(await q.lease(req("a:3", NOON + 2 * DAY, 1, 100, 5))).toEqual({
      granted: false,
      retryAt: NOON + LEASE_MS + 7 * DAY,
      reason: "weekly_cap",
    });
    expect((await q.lease(req("a:4", NOON + LEASE_MS + 7 * DAY + 1, 3, 100, 5))).granted).toBe(true);
  });

  it("a cooldown settles the holder's lease and grants nothing until it ends", async () => {
    const q = identity();
    await q.lease(req("a:1", NOON, 10, 10));
    await q.cooldown(NOON + 30_000, { id: "a:1", used: 1 });
    expect(await q.lease(req("b:1", NOON + 1, 5, 10))).toEqual({
      granted: false,
      retryAt: NOON + 30_000,
      reason: "cooldown",
    });
    expect(await q.lease(req("b:2", NOON + 30_000, 20, 10))).toMatchObject({ granted: true, units: 9 });
  });

  it("an identity that counted one reservation per send keeps its counts after the upgrade", async () => {
    const name = `alias:${crypto.randomUUID()}`;
    const q = env.SENDER_QUOTA.get(env.SENDER_QUOTA.idFromName(name));
    await q.lease(req("warm:1", NOON - DAY, 1, 10));
    await runInDurableObject(q, (_: SenderQuota, state: DurableObjectState) => {
      // The storage an identity had before leases (and before numbered migrations): a row per send,
      // and the day's total.
      const sql = state.storage.sql;
      sql.exec("DROP TABLE _migrations");
      sql.exec("CREATE TABLE reservations (key TEXT PRIMARY KEY, at INTEGER NOT NULL)");
      for (let i = 0; i < 4; i++)
        sql.exec("INSERT INTO reservations (key, at) VALUES (?, ?)", `k${i}`, NOON - 1000);
      sql.exec("INSERT INTO day_totals (day, n) VALUES (?, 4)", NOON - (NOON % DAY));
    });
    await abortAllDurableObjects();
    const fresh = env.SENDER_QUOTA.get(env.SENDER_QUOTA.idFromName(name));
    expect(await fresh.lease(req("a:1", NOON, 20, 10))).toMatchObject({ granted: true, units: 6 });
    // 11 units in the week against 7: room again once the 1 + 4 oldest have aged out.
    expect(await fresh.lease(req("b:1", NOON + 1, 1, 100, 7))).toEqual({
      granted: false,
      retryAt: NOON - 1000 + 7 * DAY,
      reason: "weekly_cap",
    });
  });
});
