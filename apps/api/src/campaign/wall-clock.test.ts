import { describe, expect, it } from "vitest";
import { allMessages, draftCampaign, waitForLoaded } from "../../test/campaign-fixtures";
import { call } from "../../test/helpers";

const hhmm = (at: number) => new Date(at).toISOString().slice(11, 16);

describe("wall clock (floor lowered to 1 s by MIN_INTERVAL_FLOOR_SECONDS)", () => {
  it("spacing and the daily limit hold in real time, driven only by the object's own alarms", async () => {
    const now = Date.now();
    const c = await draftCampaign({
      rows: Array.from({ length: 5 }, (_, i) => ({
        email: `rt${i}@example.com`,
        first_name: "R",
        company: "T",
      })),
      campaign: {
        timezone: "UTC",
        sending_window_start: hhmm(now - 60_000),
        sending_window_end: hhmm(now + 3 * 3_600_000),
        send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        daily_limit: 3,
        min_interval_seconds: 1,
      },
    });
    expect((await call("POST", `/api/v1/campaigns/${c.campaignId}/launch`, { key: c.key })).status).toBe(200);
    await waitForLoaded(c.campaignId);
    const deadline = Date.now() + 15_000;
    let sent = await allMessages(c);
    while (sent.length < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      sent = await allMessages(c);
    }
    // Give a fourth send every chance to (wrongly) happen.
    await new Promise((r) => setTimeout(r, 2500));
    sent = await allMessages(c);
    expect(sent).toHaveLength(3);
    const completed = (
      await call("GET", `/api/v1/campaigns/${c.campaignId}/leads?status=completed`, { key: c.key })
    ).json;
    expect(completed.total).toBe(3);
    // created_at has whole-second resolution: two starts >= 1 s apart never show less than 1 s.
    const times = sent.map((m) => Date.parse(m.created_at));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    const schedule = (await call("GET", `/api/v1/campaigns/${c.campaignId}/schedule`, { key: c.key })).json;
    expect(schedule.not_sending_reason).toBe("daily_limit_reached");
  }, 30_000);
});
