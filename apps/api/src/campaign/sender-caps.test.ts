import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { aiScenario, useAiScenario } from "../../test/ai-fixtures";
import {
  allMessages,
  DAY,
  draftCampaign,
  driveUntil,
  emailStep,
  launchAt,
  leadRows,
  MONDAY,
  OPEN_PACING,
} from "../../test/campaign-fixtures";
import { call } from "../../test/helpers";

const always = { ...OPEN_PACING, daily_limit: 100 };
const leads = (n: number, tag: string) => leadRows(n, { tag });

async function secondCampaignOnAlias(a: Awaited<ReturnType<typeof draftCampaign>>, pacing: object) {
  const other = await call("POST", "/api/v1/campaigns/", {
    key: a.key,
    body: {
      name: "second",
      dataset_id: a.datasetId,
      alias_ids: [a.aliasId],
      steps: [
        {
          step: 1,
          channel: "email",
          variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: a.templateId }],
        },
      ],
      ...pacing,
    },
  });
  expect(other.status).toBe(201);
  return { ...a, campaignId: other.json.campaign_id as string };
}

/** A campaign of `n` leads, one send per 10 s, scheduled to start one hour after MONDAY. */
async function scheduledAtTen(
  n: number,
  extra: object = {},
  steps?: (t: Record<string, string>) => unknown[],
) {
  const start = MONDAY + 3_600_000;
  const a = await draftCampaign({
    rows: leads(n, "a"),
    steps,
    campaign: {
      ...always,
      min_interval_seconds: 10,
      launch_type: "scheduled",
      start_date: new Date(start).toISOString(),
      ...extra,
    },
  });
  return { a, start };
}

describe("an alias's daily cap is shared by every campaign that uses it", () => {
  it("two campaigns on one alias (daily_limit 5) never send more than 5 a UTC day between them", async () => {
    const a = await draftCampaign({ rows: leads(8, "a"), campaign: always });
    await env.DB.prepare("UPDATE aliases SET daily_limit = 5 WHERE id = ?").bind(a.aliasId).run();
    const b = await secondCampaignOnAlias(a, always);
    const stubA = await launchAt(a, MONDAY);
    const stubB = await launchAt(b, MONDAY);
    // Interleave the two objects' wakes through the first day.
    for (let t = MONDAY; t < MONDAY + DAY - 6 * 3_600_000; t += 30 * 60_000) {
      await driveUntil(stubA, t);
      await driveUntil(stubB, t);
    }
    const sentA = await allMessages(a);
    const sentB = await allMessages(b);
    expect(sentA.length + sentB.length).toBe(5);
    const schedule = (await call("GET", `/api/v1/campaigns/${a.campaignId}/schedule`, { key: a.key })).json;
    expect(schedule.not_sending_reason).toBe("daily_limit_reached");
    // The plan starts when the alias has budget again: the next UTC day.
    expect(Date.parse(schedule.next_action_at)).toBeGreaterThanOrEqual(Date.UTC(2027, 2, 2));
    expect(Date.parse(schedule.planned[0].at)).toBeGreaterThanOrEqual(Date.UTC(2027, 2, 2));
    // The next UTC day the alias has budget again.
    await driveUntil(stubA, MONDAY + DAY + 3_600_000);
    expect((await allMessages(a)).length).toBeGreaterThan(sentA.length);
  });

  it("a paused campaign hands the unused part of its lease back to the other campaigns at once", async () => {
    // At one send per 10 s a campaign leases 6 units of the alias's cap at a time.
    const fast = { ...always, min_interval_seconds: 10 };
    const a = await draftCampaign({ rows: leads(10, "a"), campaign: fast });
    await env.DB.prepare("UPDATE aliases SET daily_limit = 8 WHERE id = ?").bind(a.aliasId).run();
    const b = await secondCampaignOnAlias(a, fast);
    const stubA = await launchAt(a, MONDAY);
    const stubB = await launchAt(b, MONDAY);
    await driveUntil(stubA, MONDAY);
    expect(await allMessages(a)).toHaveLength(1);
    expect((await call("POST", `/api/v1/campaigns/${a.campaignId}/pause`, { key: a.key })).status).toBe(200);
    await driveUntil(stubB, MONDAY + 3_600_000);
    // A used 1 of its 6 units; the 5 it did not use went back, so B sends the day's other 7.
    expect(await allMessages(b)).toHaveLength(7);
  });

  it("a lease id answered earlier with a lease that has since ended is not spent again", async () => {
    const { a, start } = await scheduledAtTen(6);
    await env.DB.prepare("UPDATE aliases SET daily_limit = 2 WHERE id = ?").bind(a.aliasId).run();
    const stub = await launchAt(a, MONDAY);
    // Before the campaign's first send, the identity has already answered its first lease id, a day
    // earlier (as for a wake that failed once its call was made and ran again much later): 100 units
    // of a lease that ended with that day.
    const job = await env.DB.prepare("SELECT launch_job_id AS id FROM campaigns WHERE id = ?")
      .bind(a.campaignId)
      .first<{ id: string }>();
    const quota = env.SENDER_QUOTA.get(env.SENDER_QUOTA.idFromName(`alias:${a.aliasId}`));
    await quota.lease({ id: `${job!.id}:1`, at: MONDAY - DAY, want: 100, dailyLimit: 100 });
    await driveUntil(stub, start + 3_600_000);
    expect(await allMessages(a)).toHaveLength(2);
  });
});

/** The leases an alias's SenderQuota has granted, oldest first. */
async function leasesOf(aliasId: string) {
  const quota = env.SENDER_QUOTA.get(env.SENDER_QUOTA.idFromName(`alias:${aliasId}`));
  return runInDurableObject(quota, (_instance, state: DurableObjectState) =>
    state.storage.sql
      .exec<{ id: string; expires_at: number; granted: number; used: number | null }>(
        "SELECT id, expires_at, granted, used FROM leases ORDER BY rowid",
      )
      .toArray(),
  );
}

describe("leases are taken off the send path", () => {
  it("a scheduled campaign takes its first lease at its warm-up, for start_date, and sends on it", async () => {
    const { a, start } = await scheduledAtTen(3);
    const stub = await launchAt(a, MONDAY);
    await driveUntil(stub, start - 1);
    expect(await allMessages(a)).toHaveLength(0);
    // The warm-up (10 s before start_date) leased the 3 units its 3 leads need, from start_date on.
    expect(await leasesOf(a.aliasId)).toEqual([
      expect.objectContaining({ expires_at: start + 60_000, granted: 3, used: null }),
    ]);
    await driveUntil(stub, start + 3_600_000);
    expect(await allMessages(a)).toHaveLength(3);
    // The three sends used that lease; none asked for another (a lease used in full stays counted in
    // full, with nothing to settle).
    expect(await leasesOf(a.aliasId)).toEqual([expect.objectContaining({ granted: 3, used: null })]);
  });

  it("a campaign held at start_date (unreviewed personalization) hands its warm-up lease back", async () => {
    const { a, start } = await scheduledAtTen(3, { unreviewed_launch_policy: "hold" }, (t) => [
      emailStep(1, t.main!, { ai_personalization_enabled: true }),
    ]);
    await useAiScenario(a.key, aiScenario("held"));
    const stub = await launchAt(a, MONDAY);
    await driveUntil(stub, start);
    expect((await stub.state()).status).toBe("paused");
    expect(await leasesOf(a.aliasId)).toEqual([expect.objectContaining({ granted: 3, used: 0 })]);
  });

  it("a lease that is used up or near its end is renewed after a send, before the next send is due", async () => {
    // One send per 10 s: a lease covers 6 sends; 10 leads need a second lease.
    const a = await draftCampaign({
      rows: leads(10, "a"),
      campaign: { ...always, min_interval_seconds: 10 },
    });
    const stub = await launchAt(a, MONDAY);
    await driveUntil(stub, MONDAY + 55_000);
    expect(await allMessages(a)).toHaveLength(6);
    // Between the sixth send (T + 50 s) and the seventh (T + 60 s) the next lease is already held: a
    // send wake took it once the first lease was used up or past its renewal instant (at a random
    // 50-90% of its life, so after the fifth or the sixth send), settling the first with what it used.
    const [first, second, ...more] = await leasesOf(a.aliasId);
    expect(more).toEqual([]);
    expect(first!.granted).toBe(6);
    expect([5, 6]).toContain(first!.used);
    expect(second).toMatchObject({ granted: 10 - first!.used!, used: null });
    await driveUntil(stub, MONDAY + 3_600_000);
    expect(await allMessages(a)).toHaveLength(10);
    // However many leases it took, the identity counted exactly the 10 sends (a lease used in full is
    // counted in full without being settled; the others were settled with what they used).
    const counted = (await leasesOf(a.aliasId)).reduce((n, l) => n + (l.used ?? l.granted), 0);
    expect(counted).toBe(10);
  });

  it("a campaign that sends less than twice a lease's life does not lease ahead", async () => {
    const a = await draftCampaign({ rows: leads(3, "a"), campaign: { ...always, min_interval_seconds: 60 } });
    const stub = await launchAt(a, MONDAY);
    await driveUntil(stub, MONDAY + 3_600_000);
    expect(await allMessages(a)).toHaveLength(3);
    // One unit per send, each leased by the send that used it (and so counted in full, with nothing
    // to settle): no lease taken ahead that expired unused.
    const leases = await leasesOf(a.aliasId);
    expect(leases.map((l) => [l.granted, l.used])).toEqual([
      [1, null],
      [1, null],
      [1, null],
    ]);
  });
});
