import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { campaignBody } from "../../../test/fixtures";
import { call, newUser, seedDataset } from "../../../test/helpers";

// Every field of the seed page's CampaignResponse, in its order.
const SEED_FIELDS = [
  "campaign_id",
  "user_id",
  "dataset_id",
  "name",
  "type",
  "status",
  "launch_type",
  "daily_limit",
  "sending_window_start",
  "sending_window_end",
  "min_interval_seconds",
  "timezone",
  "steps_config",
  "send_days",
  "created_at",
  "updated_at",
  "description",
  "start_date",
  "alias_ids",
  "connected_account_id",
  "total_leads",
  "processed_leads",
  "launch_job_id",
  "launch_requested_at",
  "launch_error",
  "system_prompt",
  "unreviewed_launch_policy",
  "paused_reason",
  "playground_discovery_dismissed_at",
];
// Cadence's additions to the seed's response (extensions are additive).
const EXTENSION_FIELDS = ["stop_on_reply_scope"];

async function create(key: string, body: unknown) {
  return call("POST", "/api/v1/campaigns/", { key, body });
}

describe("campaigns: happy path", () => {
  it("creates a draft with every CampaignResponse field and defaults", async () => {
    const u = await newUser();
    const res = await create(u.key, await campaignBody(u.userId));
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual([...SEED_FIELDS, ...EXTENSION_FIELDS].sort());
    expect(res.json).toMatchObject({
      status: "draft",
      type: "email",
      launch_type: "immediate",
      daily_limit: 50,
      sending_window_start: "09:00:00",
      sending_window_end: "17:00:00",
      min_interval_seconds: 300,
      timezone: "UTC",
      send_days: ["mon", "tue", "wed", "thu", "fri"],
      total_leads: 0,
      processed_leads: 0,
      launch_job_id: null,
      unreviewed_launch_policy: "launch_default",
      user_id: u.userId,
      stop_on_reply_scope: "lead",
    });
    expect(res.json.steps_config[0]).toMatchObject({ step: 1, channel: "email", track_clicks: false });
    expect(res.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("shows every field of the seed's step and variant, null where unset", async () => {
    const u = await newUser();
    const templateId = crypto.randomUUID();
    const body = await campaignBody(u.userId, {
      steps: [
        {
          step: 1,
          variants: [
            { label: "A", weight: 1, type: "PERSONALIZATION" },
            { label: "B", weight: 1, template_id: templateId },
          ],
        },
      ],
    });
    const res = await create(u.key, body);
    expect(res.status, res.text).toBe(201);
    const step = res.json.steps_config[0];
    // The seed page's example, in its order.
    expect(Object.keys(step)).toEqual([
      "step",
      "delay_days",
      "channel",
      "variants",
      "ai_personalization_enabled",
      "track_clicks",
      "action_type",
      "message_template",
    ]);
    expect(step).toMatchObject({
      action_type: null,
      message_template: null,
      ai_personalization_enabled: false,
    });
    expect(step.variants[0]).toEqual({
      label: "A",
      weight: 1,
      type: "PERSONALIZATION",
      template_id: null,
      sender_profile_id: null,
    });
    expect(Object.keys(step.variants[1])).toEqual([
      "label",
      "weight",
      "type",
      "template_id",
      "sender_profile_id",
    ]);
    expect(step.variants[1]).toMatchObject({ type: "TEMPLATE", template_id: templateId });
    const got = await call("GET", `/api/v1/campaigns/${res.json.campaign_id}`, { key: u.key });
    expect(got.json.steps_config).toEqual(res.json.steps_config);
  });

  it("gets, lists with filters and pagination, patches and deletes", async () => {
    const u = await newUser();
    const a = (await create(u.key, await campaignBody(u.userId, { name: "Alpha launch" }))).json;
    const b = (await create(u.key, await campaignBody(u.userId, { name: "Beta 100%_done" }))).json;
    expect((await call("GET", `/api/v1/campaigns/${a.campaign_id}`, { key: u.key })).json.name).toBe(
      "Alpha launch",
    );

    const all = await call("GET", "/api/v1/campaigns/", { key: u.key });
    expect(all.json).toMatchObject({ total: 2, offset: 0, limit: 50 });
    expect(all.json.items.map((c: any) => c.campaign_id)).toEqual([b.campaign_id, a.campaign_id]);
    const noSlash = await call("GET", "/api/v1/campaigns?limit=1&offset=1", { key: u.key });
    expect(noSlash.json).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(noSlash.json.items[0].campaign_id).toBe(a.campaign_id);
    const byName = await call("GET", "/api/v1/campaigns/?name=alpha", { key: u.key });
    expect(byName.json.items.map((c: any) => c.campaign_id)).toEqual([a.campaign_id]);
    const wildcard = await call("GET", `/api/v1/campaigns/?name=${encodeURIComponent("%_")}`, { key: u.key });
    expect(wildcard.json.items.map((c: any) => c.campaign_id)).toEqual([b.campaign_id]);
    expect((await call("GET", "/api/v1/campaigns/?status=active", { key: u.key })).json.total).toBe(0);
    expect((await call("GET", "/api/v1/campaigns/?status=draft", { key: u.key })).json.total).toBe(2);

    const patched = await call("PATCH", `/api/v1/campaigns/${a.campaign_id}`, {
      key: u.key,
      body: {
        daily_limit: 20,
        description: "hello",
        sending_window_start: "08:30",
        timezone: "Europe/Berlin",
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      daily_limit: 20,
      description: "hello",
      sending_window_start: "08:30:00",
      timezone: "Europe/Berlin",
      name: "Alpha launch",
    });
    const cleared = await call("PATCH", `/api/v1/campaigns/${a.campaign_id}`, {
      key: u.key,
      body: { description: null },
    });
    expect(cleared.json.description).toBeNull();
    expect(cleared.json.daily_limit).toBe(20);

    expect((await call("DELETE", `/api/v1/campaigns/${a.campaign_id}`, { key: u.key })).status).toBe(204);
    expect((await call("GET", `/api/v1/campaigns/${a.campaign_id}`, { key: u.key })).status).toBe(404);
  });

  it("PATCH of a locked field after launch is 409 CAMPAIGN_LOCKED; pacing fields still change", async () => {
    const u = await newUser();
    const c = (await create(u.key, await campaignBody(u.userId))).json;
    await env.DB.prepare("UPDATE campaigns SET status = 'active' WHERE id = ?").bind(c.campaign_id).run();
    const locked = await call("PATCH", `/api/v1/campaigns/${c.campaign_id}`, {
      key: u.key,
      body: { alias_ids: [crypto.randomUUID()] },
    });
    expect(locked.status).toBe(409);
    expect(locked.json.detail).toBe("CAMPAIGN_LOCKED");
    const same = await call("PATCH", `/api/v1/campaigns/${c.campaign_id}`, {
      key: u.key,
      body: { alias_ids: c.alias_ids, daily_limit: 7 },
    });
    expect(same.status).toBe(200);
    expect(same.json.daily_limit).toBe(7);
    // What a reply stops is fixed at launch, like the steps it applies to.
    const scope = await call("PATCH", `/api/v1/campaigns/${c.campaign_id}`, {
      key: u.key,
      body: { stop_on_reply_scope: "company" },
    });
    expect(scope.status).toBe(409);
    expect(scope.json.message).toContain("stop_on_reply_scope");
    const del = await call("DELETE", `/api/v1/campaigns/${c.campaign_id}`, { key: u.key });
    expect(del.status).toBe(409);
    expect(del.json.detail).toBe("CAMPAIGN_NOT_DRAFT");
  });
});

describe("campaigns: inbound options", () => {
  it("stop_on_reply_scope and a step's auto_winner are stored and returned; a draft may change them", async () => {
    const u = await newUser();
    const body: any = await campaignBody(u.userId, { stop_on_reply_scope: "company" });
    const variant = body.steps[0].variants[0];
    body.steps[0].variants = [variant, { ...variant, label: "B" }];
    body.steps[0].auto_winner = { metric: "reply_rate", min_sends_per_variant: 100, confidence: 0.95 };
    const res = await create(u.key, body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.stop_on_reply_scope).toBe("company");
    expect(res.json.steps_config[0].auto_winner).toEqual(body.steps[0].auto_winner);
    const patched = await call("PATCH", `/api/v1/campaigns/${res.json.campaign_id}`, {
      key: u.key,
      body: { stop_on_reply_scope: "lead" },
    });
    expect(patched.json.stop_on_reply_scope).toBe("lead");
    const single: any = await campaignBody(u.userId);
    single.steps[0].auto_winner = { metric: "reply_rate", min_sends_per_variant: 100, confidence: 0.95 };
    const refused = await create(u.key, single);
    expect(refused.status).toBe(422);
    expect(refused.json.errors[0].loc).toEqual(["body", "steps", 0, "auto_winner"]);
  });
});

describe("campaigns: bounds", () => {
  const cases: [string, Record<string, unknown>, (string | number)[]][] = [
    ["name empty", { name: "" }, ["body", "name"]],
    ["name too long", { name: "x".repeat(256) }, ["body", "name"]],
    ["description too long", { description: "x".repeat(1001) }, ["body", "description"]],
    ["daily_limit 0", { daily_limit: 0 }, ["body", "daily_limit"]],
    ["daily_limit 10001", { daily_limit: 10001 }, ["body", "daily_limit"]],
    ["min_interval below 1 s", { min_interval_seconds: 0 }, ["body", "min_interval_seconds"]],
    ["min_interval above 3600", { min_interval_seconds: 3601 }, ["body", "min_interval_seconds"]],
    ["no steps", { steps: [] }, ["body", "steps"]],
    ["unknown timezone", { timezone: "Mars/Olympus" }, ["body", "timezone"]],
    ["bad send day", { send_days: ["mon", "funday"] }, ["body", "send_days", 1]],
    ["bad window format", { sending_window_start: "9am" }, ["body", "sending_window_start"]],
    ["window hour 24", { sending_window_end: "24:00" }, ["body", "sending_window_end"]],
    [
      "window start == end",
      { sending_window_start: "09:00", sending_window_end: "09:00:00" },
      ["body", "sending_window_end"],
    ],
    ["scheduled without start_date", { launch_type: "scheduled" }, ["body", "start_date"]],
    ["system_prompt too short", { system_prompt: "too short" }, ["body", "system_prompt"]],
    ["system_prompt too long", { system_prompt: "x".repeat(5001) }, ["body", "system_prompt"]],
    ["missing alias for email steps", { alias_ids: [] }, ["body", "alias_ids"]],
    ["bad dataset", { dataset_id: "00000000-0000-4000-8000-000000000000" }, ["body", "dataset_id"]],
    ["dataset not a uuid", { dataset_id: "nope" }, ["body", "dataset_id"]],
  ];
  for (const [name, override, loc] of cases) {
    it(`rejects ${name} with 422 at ${loc.join(".")}`, async () => {
      const u = await newUser();
      const res = await create(u.key, await campaignBody(u.userId, override));
      expect(res.status).toBe(422);
      expect(res.json.detail).toBe("VALIDATION_ERROR");
      expect(res.json.errors.map((e: any) => e.loc)).toContainEqual(loc);
      expect(res.json.request_id).toBeTruthy();
    });
  }

  const step = (extra: Record<string, unknown>) => ({
    step: 1,
    channel: "email",
    variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: crypto.randomUUID() }],
    ...extra,
  });
  const stepCases: [string, unknown[], (string | number)[]][] = [
    ["11 steps", Array.from({ length: 11 }, (_, i) => step({ step: i + 1 })), ["body", "steps"]],
    ["steps not consecutive", [step({}), step({ step: 3 })], ["body", "steps", 1, "step"]],
    ["no variants", [step({ variants: [] })], ["body", "steps", 0, "variants"]],
    [
      "11 variants",
      [
        step({
          variants: Array.from({ length: 11 }, (_, i) => ({
            label: `v${i}`,
            weight: 1,
            type: "TEMPLATE",
            template_id: crypto.randomUUID(),
          })),
        }),
      ],
      ["body", "steps", 0, "variants"],
    ],
    [
      "label empty",
      [step({ variants: [{ label: "", weight: 1, template_id: crypto.randomUUID() }] })],
      ["body", "steps", 0, "variants", 0, "label"],
    ],
    [
      "label 11 chars",
      [step({ variants: [{ label: "abcdefghijk", weight: 1, template_id: crypto.randomUUID() }] })],
      ["body", "steps", 0, "variants", 0, "label"],
    ],
    [
      "duplicate labels",
      [
        step({
          variants: [
            { label: "A", weight: 1, template_id: crypto.randomUUID() },
            { label: "A", weight: 1, template_id: crypto.randomUUID() },
          ],
        }),
      ],
      ["body", "steps", 0, "variants", 1, "label"],
    ],
    [
      "weight 0",
      [step({ variants: [{ label: "A", weight: 0, template_id: crypto.randomUUID() }] })],
      ["body", "steps", 0, "variants", 0, "weight"],
    ],
    [
      "TEMPLATE without template_id",
      [step({ variants: [{ label: "A", weight: 1, type: "TEMPLATE" }] })],
      ["body", "steps", 0, "variants", 0, "template_id"],
    ],
    ["negative delay", [step({ delay_days: -1 })], ["body", "steps", 0, "delay_days"]],
    [
      "linkedin step in email campaign",
      [step({ channel: "linkedin", action_type: "message" })],
      ["body", "steps", 0, "channel"],
    ],
  ];
  for (const [name, steps, loc] of stepCases) {
    it(`rejects ${name} with 422 at ${loc.join(".")}`, async () => {
      const u = await newUser();
      const res = await create(u.key, await campaignBody(u.userId, { steps }));
      expect(res.status).toBe(422);
      expect(res.json.errors.map((e: any) => e.loc)).toContainEqual(loc);
    });
  }

  it("rejects a PATCH that breaks a cross-field rule on the merged campaign", async () => {
    const u = await newUser();
    const c = (await create(u.key, await campaignBody(u.userId))).json;
    const res = await call("PATCH", `/api/v1/campaigns/${c.campaign_id}`, {
      key: u.key,
      body: { sending_window_end: "09:00" },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].loc).toEqual(["body", "sending_window_end"]);
    const unknown = await call("PATCH", `/api/v1/campaigns/${c.campaign_id}`, {
      key: u.key,
      body: { bogus: 1 },
    });
    expect(unknown.status).toBe(422);
  });

  it("accepts a window that crosses midnight and a scheduled start", async () => {
    const u = await newUser();
    const res = await create(
      u.key,
      await campaignBody(u.userId, {
        sending_window_start: "22:00",
        sending_window_end: "02:00",
        launch_type: "scheduled",
        start_date: "2030-01-01T09:00:00Z",
      }),
    );
    expect(res.status).toBe(201);
    expect(res.json.start_date).toBe("2030-01-01T09:00:00Z");
  });

  it("limit above 200 and negative offset are 422 on the query", async () => {
    const u = await newUser();
    const res = await call("GET", "/api/v1/campaigns/?limit=201&offset=-1", { key: u.key });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.loc)).toEqual(
      expect.arrayContaining([
        ["query", "limit"],
        ["query", "offset"],
      ]),
    );
  });

  it("malformed JSON is 400 INVALID_JSON; wrong content type is 415", async () => {
    const u = await newUser();
    const bad = await call("POST", "/api/v1/campaigns/", {
      key: u.key,
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toBe("INVALID_JSON");
    const form = await call("POST", "/api/v1/campaigns/", {
      key: u.key,
      rawBody: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.json.detail).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("a body over the JSON limit is 413 PAYLOAD_TOO_LARGE", async () => {
    const u = await newUser();
    const res = await call("POST", "/api/v1/campaigns/", {
      key: u.key,
      rawBody: JSON.stringify({ name: "x".repeat(3 * 1024 * 1024) }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(res.json.detail).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("campaigns: isolation", () => {
  it("another user's campaign is 404 for get, patch, delete and absent from lists", async () => {
    const owner = await newUser();
    const other = await newUser();
    const c = (await create(owner.key, await campaignBody(owner.userId))).json;
    const path = `/api/v1/campaigns/${c.campaign_id}`;
    for (const [method, body] of [["GET"], ["PATCH", { daily_limit: 1 }], ["DELETE"]] as const) {
      const res = await call(method, path, { key: other.key, body });
      expect(res.status, method).toBe(404);
      expect(res.json.detail).toBe("NOT_FOUND");
    }
    expect((await call("GET", "/api/v1/campaigns/", { key: other.key })).json.total).toBe(0);
    expect((await call("GET", path, { key: owner.key })).json.daily_limit).toBe(50);
  });

  it("a campaign cannot point at another user's dataset", async () => {
    const owner = await newUser();
    const other = await newUser();
    const foreign = await seedDataset(owner.userId, [{ email: "a@b.co" }]);
    const res = await create(other.key, await campaignBody(other.userId, { dataset_id: foreign }));
    expect(res.status).toBe(422);
    expect(res.json.errors[0].loc).toEqual(["body", "dataset_id"]);
  });
});
