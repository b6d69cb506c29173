import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { aiScenario, useAiScenario } from "../../../test/ai-fixtures";
import { campaignObject, draftCampaign, emailStep, waitForLoaded } from "../../../test/campaign-fixtures";
import { call, seedSuppression } from "../../../test/helpers";
import { campaignLeadId } from "../../campaign/sequence";

const launch = (c: { key: string; campaignId: string }, headers?: Record<string, string>) =>
  call("POST", `/api/v1/campaigns/${c.campaignId}/launch`, { key: c.key, headers });
const preflight = (c: { key: string; campaignId: string }) =>
  call("POST", `/api/v1/campaigns/${c.campaignId}/preflight`, { key: c.key });
const codes = (warnings: { code: string }[]) =>
  warnings.reduce<Record<string, number>>((acc, w) => {
    acc[w.code] = (acc[w.code] ?? 0) + 1;
    return acc;
  }, {});

describe("preflight warnings", () => {
  it("reports every row-level code with counts that add up", async () => {
    const rows: Record<string, string>[] = [
      { email: "ok1@example.com", first_name: "A", company: "X" }, // 1 ok
      { email: "", first_name: "B", company: "X" }, // 2 MISSING_EMAIL
      { email: "bob@", first_name: "C", company: "X" }, // 3 INVALID_EMAIL
      { email: "OK1@example.com", first_name: "D", company: "X" }, // 4 DUPLICATE_EMAIL (case-insensitive)
      { email: "blocked@example.com", first_name: "E", company: "X" }, // 5 SUPPRESSED (address)
      { email: "anyone@banned.test", first_name: "F", company: "X" }, // 6 SUPPRESSED (domain)
      { email: "nofield@example.com", first_name: "G", company: "" }, // 7 MISSING_MERGE_FIELD company
      { email: "tz@example.com", first_name: "H", company: "X", timezone: "Mars/Base" }, // 8 INVALID_TIMEZONE (still sendable)
    ];
    const c = await draftCampaign({ rows });
    await seedSuppression(c.userId, "Blocked@Example.com");
    await seedSuppression(c.userId, "banned.test");
    const res = await preflight(c);
    expect(res.status).toBe(200);
    expect(res.json.errors).toEqual([]);
    expect(codes(res.json.warnings)).toEqual({
      MISSING_EMAIL: 1,
      INVALID_EMAIL: 1,
      DUPLICATE_EMAIL: 1,
      SUPPRESSED: 2,
      MISSING_MERGE_FIELD: 1,
      INVALID_TIMEZONE: 1,
    });
    expect(res.json.summary).toEqual({ total_rows: 8, launchable_rows: 2, warning_count: 7 });
    expect(res.json.warnings.find((w: any) => w.code === "INVALID_EMAIL")).toMatchObject({
      row_index: 3,
      field: "email",
      message: "row 3: 'bob@' is not a valid address",
    });
    expect(res.json.warnings.find((w: any) => w.code === "MISSING_MERGE_FIELD")).toMatchObject({
      row_index: 7,
      field: "company",
    });
    // Preflight changes nothing.
    expect((await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json.status).toBe(
      "draft",
    );
  });

  it("MISSING_LINKEDIN_URL for LinkedIn steps", async () => {
    const c = await draftCampaign({
      rows: [{ first_name: "A", linkedin_url: "https://www.linkedin.com/in/a" }, { first_name: "B" }],
      campaign: { type: "linkedin", alias_ids: [], connected_account_id: crypto.randomUUID() },
      steps: [
        {
          step: 1,
          channel: "linkedin",
          action_type: "connection_request",
          message_template: "Hi {{first_name}}",
          variants: [{ label: "A", weight: 1, type: "PERSONALIZATION" }],
        },
      ],
    });
    const res = await preflight(c);
    expect(codes(res.json.warnings)).toEqual({ MISSING_LINKEDIN_URL: 1 });
    expect(res.json.summary).toMatchObject({ total_rows: 2, launchable_rows: 1 });
    // The connected account does not exist: a blocking reason.
    expect(res.json.errors.map((e: any) => e.type)).toEqual(["missing_connected_account"]);
  });

  it("WINDOW_TOO_SHORT when the window cannot hold daily_limit actions", async () => {
    const c = await draftCampaign({
      campaign: {
        sending_window_start: "09:00",
        sending_window_end: "10:00",
        min_interval_seconds: 600,
        daily_limit: 7,
      },
    });
    const res = await preflight(c);
    const w = res.json.warnings.find((x: any) => x.code === "WINDOW_TOO_SHORT");
    expect(w.message).toContain("holds 6 actions");
    expect(res.json.summary.warning_count).toBe(1);
    const fits = await draftCampaign({
      campaign: {
        sending_window_start: "09:00",
        sending_window_end: "10:00",
        min_interval_seconds: 600,
        daily_limit: 6,
      },
    });
    expect((await preflight(fits)).json.warnings).toEqual([]);
  });

  it("NO_UNSUBSCRIBE_LINK when an email body lacks {{unsubscribe_url}}", async () => {
    const c = await draftCampaign({ body: "Hi {{first_name}} at {{company}}" });
    const res = await preflight(c);
    expect(res.json.warnings).toEqual([
      expect.objectContaining({ code: "NO_UNSUBSCRIBE_LINK", step: 1, row_index: null }),
    ]);
    expect(res.json.summary).toEqual({ total_rows: 2, launchable_rows: 2, warning_count: 1 });
  });
});

describe("launch: blocking reasons (422 LAUNCH_BLOCKED, stays a draft)", () => {
  async function expectBlocked(c: { key: string; campaignId: string }, type: string) {
    const res = await launch(c);
    expect(res.status).toBe(422);
    expect(res.json.detail).toBe("LAUNCH_BLOCKED");
    expect(res.json.errors.map((e: any) => e.type)).toContain(type);
    expect((await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json.status).toBe(
      "draft",
    );
  }

  it("no launchable rows", async () => {
    await expectBlocked(
      await draftCampaign({ rows: [{ email: "nope" }, { email: "" }] }),
      "no_launchable_rows",
    );
  });

  it("missing template", async () => {
    const c = await draftCampaign();
    await env.DB.prepare("DELETE FROM templates WHERE id = ?").bind(c.templateId).run();
    await expectBlocked(c, "missing_template");
  });

  it("missing alias", async () => {
    const c = await draftCampaign();
    await env.DB.prepare("DELETE FROM aliases WHERE id = ?").bind(c.aliasId).run();
    await expectBlocked(c, "missing_alias");
  });

  it("missing connected account for LinkedIn steps", async () => {
    const c = await draftCampaign({
      rows: [{ first_name: "A", linkedin_url: "https://linkedin.com/in/a" }],
      campaign: { type: "linkedin", alias_ids: [], connected_account_id: crypto.randomUUID() },
      steps: [
        {
          step: 1,
          channel: "linkedin",
          action_type: "profile_visit",
          variants: [{ label: "A", weight: 1, type: "PERSONALIZATION" }],
        },
      ],
    });
    await expectBlocked(c, "missing_connected_account");
  });

  it("scheduled without start_date", async () => {
    const c = await draftCampaign();
    await env.DB.prepare("UPDATE campaigns SET launch_type = 'scheduled', start_date = NULL WHERE id = ?")
      .bind(c.campaignId)
      .run();
    await expectBlocked(c, "missing_start_date");
  });
});

describe("launch", () => {
  it("answers with exactly the seed's shape and hands the leads to the campaign object", async () => {
    const c = await draftCampaign({
      rows: [
        { email: "a@example.com", first_name: "A", company: "X" },
        { email: "bad", first_name: "B", company: "X" },
        { email: "c@example.com", first_name: "C", company: "X" },
      ],
    });
    const res = await launch(c);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(["campaign", "summary", "warnings"]);
    expect(res.json.summary).toEqual({ total_rows: 3, launchable_rows: 2, warning_count: 1 });
    expect(Object.keys(res.json.warnings[0]).sort()).toEqual([
      "code",
      "field",
      "message",
      "row_index",
      "step",
    ]);
    expect(res.json.campaign).toMatchObject({ status: "launching", campaign_id: c.campaignId });
    expect(res.json.campaign.launch_job_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json.campaign.launch_requested_at).toMatch(/Z$/);

    const state = await waitForLoaded(c.campaignId);
    expect(state).toMatchObject({
      status: "active",
      totalLeads: 2,
      launchJobId: res.json.campaign.launch_job_id,
    });
    const row = (await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json;
    expect(row).toMatchObject({ status: "active", total_leads: 2 });
    const leads = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads`, { key: c.key })).json;
    expect(leads.items.map((l: any) => l.row_index)).toEqual([1, 3]);
    // Lead ids are derived from (campaign, row): the same before launch as after.
    expect(leads.items.map((l: any) => l.campaign_lead_id)).toEqual([
      await campaignLeadId(c.campaignId, 1),
      await campaignLeadId(c.campaignId, 3),
    ]);

    const again = await launch(c);
    expect(again.status).toBe(409);
    expect(again.json.detail).toBe("CAMPAIGN_NOT_DRAFT");
    const edit = await call("PATCH", `/api/v1/campaigns/${c.campaignId}`, {
      key: c.key,
      body: { steps: [] },
    });
    expect(edit.status).toBe(422);
  });

  it("20 concurrent launches: exactly one 200, the rest 409", async () => {
    const c = await draftCampaign();
    const results = await Promise.all(Array.from({ length: 20 }, () => launch(c)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.detail).toBe("CAMPAIGN_NOT_DRAFT");
    await waitForLoaded(c.campaignId);
  });

  it("a retried launch with the same Idempotency-Key replays the first response", async () => {
    const c = await draftCampaign();
    const first = await launch(c, { "idempotency-key": "launch-once" });
    const second = await launch(c, { "idempotency-key": "launch-once" });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    await waitForLoaded(c.campaignId);
  });

  it("freezes template content at launch: later edits do not change what is sent", async () => {
    const c = await draftCampaign({ rows: [{ email: "a@example.com", first_name: "Ada", company: "X" }] });
    expect((await launch(c)).status).toBe(200);
    await waitForLoaded(c.campaignId);
    await env.DB.prepare("UPDATE templates SET subject = 'CHANGED', body = 'CHANGED' WHERE id = ?")
      .bind(c.templateId)
      .run();
    await env.DB.prepare("UPDATE dataset_rows SET data = ? WHERE dataset_id = ?")
      .bind(
        JSON.stringify({ email: "changed@example.com", first_name: "Changed", company: "Y" }),
        c.datasetId,
      )
      .run();
    const stub = campaignObject(c.campaignId);
    await stub.testSetClock(Date.now());
    await runDurableObjectAlarm(stub);
    const messages = (await call("GET", `/api/v1/campaigns/${c.campaignId}/messages`, { key: c.key })).json;
    expect(messages.items).toHaveLength(1);
    expect(messages.items[0]).toMatchObject({ to: "a@example.com", subject: "Hello Ada" });
    expect(messages.items[0].text).toContain("quick question about X");
  });

  it("a 10,000-lead launch ends with every lead pending in the object", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      email: `lead${i}@example.com`,
      first_name: `L${i}`,
      company: "Co",
    }));
    const c = await draftCampaign({ rows });
    const res = await launch(c);
    expect(res.json.summary).toEqual({ total_rows: 10_000, launchable_rows: 10_000, warning_count: 0 });
    const state = await waitForLoaded(c.campaignId);
    expect(state.totalLeads).toBe(10_000);
    const stats = (await call("GET", `/api/v1/campaigns/${c.campaignId}/stats`, { key: c.key })).json;
    expect(stats.leads.pending + stats.leads.sending + stats.leads.active + stats.leads.completed).toBe(
      10_000,
    );
    expect(stats.total_leads).toBe(10_000);
  }, 60_000);

  it("a launch whose leads cannot load ends failed with launch_error, and may be launched again", async () => {
    const c = await draftCampaign();
    expect((await launch(c)).status).toBe(200);
    // The dataset vanishes between the check and the load.
    await env.DB.prepare("DELETE FROM dataset_rows WHERE dataset_id = ?").bind(c.datasetId).run();
    const state = await waitForLoaded(c.campaignId);
    expect(state.status).toBe("failed");
    const row = (await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json;
    expect(row).toMatchObject({ status: "failed", launch_error: "no row of the dataset can be sent to" });
    // Put the rows back: the failed campaign launches again.
    await env.DB.prepare("INSERT INTO dataset_rows (dataset_id, row_index, data) VALUES (?, 1, ?)")
      .bind(c.datasetId, JSON.stringify({ email: "z@example.com", first_name: "Z", company: "Q" }))
      .run();
    expect((await launch(c)).status).toBe(200);
    const relaunched = await waitForLoaded(c.campaignId);
    // With an always-open window the single lead may already be sent by the time we look.
    expect(["active", "draining", "completed"]).toContain(relaunched.status);
    expect(relaunched).toMatchObject({ totalLeads: 1, launchError: null });
    const leads = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads`, { key: c.key })).json;
    expect(leads.items[0].campaign_lead_id).toBe(await campaignLeadId(c.campaignId, 1));
  });
});

describe("scheduled start and unreviewed_launch_policy", () => {
  async function scheduled(policy: string, personalized: boolean) {
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const c = await draftCampaign({
      campaign: { launch_type: "scheduled", start_date: start, unreviewed_launch_policy: policy },
      steps: (t) => [emailStep(1, t.main!, { ai_personalization_enabled: personalized })],
    });
    // A personalized step needs a provider to launch (AI_NOT_CONFIGURED otherwise).
    if (personalized) await useAiScenario(c.key, aiScenario("scheduled"));
    expect((await launch(c)).status).toBe(200);
    const state = await waitForLoaded(c.campaignId);
    expect(state.status).toBe("scheduled");
    const stub = campaignObject(c.campaignId);
    // It wakes 10 s before start_date to warm its caches, and stays scheduled until start_date.
    expect(await stub.testNextWakeAt()).toBe(Date.parse(start) - 10_000);
    await stub.testSetClock(Date.parse(start) - 10_000);
    await runDurableObjectAlarm(stub);
    expect((await stub.state()).status).toBe("scheduled");
    expect(await stub.testNextWakeAt()).toBe(Date.parse(start));
    // Then the clock reaches start_date and the alarm armed for it runs.
    await stub.testSetClock(Date.parse(start));
    await runDurableObjectAlarm(stub);
    return { c, stub };
  }

  it("activates at start_date", async () => {
    const { c, stub } = await scheduled("launch_default", false);
    expect((await stub.state()).status).toBe("active");
    expect((await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json.status).toBe(
      "active",
    );
  });

  it("launch_default goes ahead with unreviewed personalization", async () => {
    const { stub } = await scheduled("launch_default", true);
    expect((await stub.state()).status).toBe("active");
  });

  it("hold pauses with paused_reason", async () => {
    const { c, stub } = await scheduled("hold", true);
    expect(await stub.state()).toMatchObject({
      status: "paused",
      pausedReason: "unreviewed_personalization",
    });
    const row = (await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json;
    expect(row).toMatchObject({ status: "paused", paused_reason: "unreviewed_personalization" });
  });

  it("cancel returns the campaign to draft", async () => {
    const { c } = await scheduled("cancel", true);
    const row = (await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json;
    expect(row.status).toBe("draft");
    expect(row.launch_job_id).toBeNull();
    expect((await launch(c)).status).toBe(200);
  });
});
