import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { allMessages, draftCampaign, driveUntil, launchAt } from "../../test/campaign-fixtures";
import { call } from "../../test/helpers";

const DAY = 86_400_000;
const MONDAY = Date.UTC(2027, 2, 1, 6, 0, 0);
const always = {
  timezone: "UTC",
  sending_window_start: "00:00",
  sending_window_end: "23:59:59",
  send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
  daily_limit: 100,
  min_interval_seconds: 60,
};
const leads = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    email: `${tag}${i + 1}@example.com`,
    first_name: "X",
    company: "Co",
  }));

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
    const reason = (await call("GET", `/api/v1/campaigns/${a.campaignId}/schedule`, { key: a.key })).json
      .not_sending_reason;
    expect(reason).toBe("daily_limit_reached");
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
    const start = MONDAY + 3_600_000;
    const a = await draftCampaign({
      rows: leads(6, "a"),
      campaign: {
        ...always,
        min_interval_seconds: 10,
        launch_type: "scheduled",
        start_date: new Date(start).toISOString(),
      },
    });
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
