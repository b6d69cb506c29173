import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call, newUser, seedAlias, seedDataset, seedTemplate } from "./helpers";

export const UNSUB_BODY =
  "Hi {{first_name}},\n\nquick question about {{company}}.\n\nUnsubscribe: {{unsubscribe_url}}";

/** Pacing that holds nothing back but `min_interval_seconds`: UTC, every day, all day. */
export const OPEN_PACING = {
  timezone: "UTC",
  sending_window_start: "00:00",
  sending_window_end: "23:59:59",
  send_days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
  daily_limit: 1000,
  min_interval_seconds: 60,
};

export interface LaunchableCampaign {
  key: string;
  userId: string;
  campaignId: string;
  datasetId: string;
  templateId: string;
  aliasId: string;
}

/** A user with a dataset, a template, a capture alias and a draft campaign over them. */
export async function draftCampaign(
  opts: {
    rows?: Record<string, string>[];
    body?: string;
    subject?: string;
    campaign?: Record<string, unknown>;
    steps?: unknown[];
  } = {},
): Promise<LaunchableCampaign> {
  const u = await newUser();
  const rows = opts.rows ?? [
    { email: "ada@example.com", first_name: "Ada", company: "Analytical" },
    { email: "grace@example.com", first_name: "Grace", company: "Navy" },
  ];
  const datasetId = await seedDataset(u.userId, rows);
  const templateId = await seedTemplate(u.userId, {
    subject: opts.subject ?? "Hello {{first_name}}",
    body: opts.body ?? UNSUB_BODY,
  });
  const aliasId = await seedAlias(u.userId);
  const res = await call("POST", "/api/v1/campaigns/", {
    key: u.key,
    body: {
      name: "Launch test",
      dataset_id: datasetId,
      alias_ids: [aliasId],
      steps: opts.steps ?? [
        {
          step: 1,
          channel: "email",
          variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: templateId }],
        },
      ],
      ...OPEN_PACING,
      ...opts.campaign,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { key: u.key, userId: u.userId, campaignId: res.json.campaign_id, datasetId, templateId, aliasId };
}

export function campaignObject(campaignId: string) {
  return env.CAMPAIGN.get(env.CAMPAIGN.idFromName(campaignId));
}

/** Runs the object's alarms until it has left `launching` (leads loaded or the launch failed). */
export async function waitForLoaded(campaignId: string) {
  const stub = campaignObject(campaignId);
  for (let i = 0; i < 200; i++) {
    const state = await stub.state();
    if (state.status !== "launching") return state;
    await runDurableObjectAlarm(stub);
  }
  throw new Error("leads never finished loading");
}

type CampaignStub = ReturnType<typeof campaignObject>;

/**
 * Runs the campaign object's real alarm handler at each instant it asks to wake, moving its manual
 * clock there first, until `until` (ms) or until it wants nothing more. Returns the wakes run.
 */
export async function driveUntil(stub: CampaignStub, until: number, maxWakes = 100_000) {
  let wakes = 0;
  for (; wakes < maxWakes; wakes++) {
    const next = await stub.testNextWakeAt();
    if (next === null || next > until) break;
    await stub.testSetClock(next);
    await runDurableObjectAlarm(stub);
  }
  return wakes;
}

/** Launches through the API with the object's manual clock set to `at` first, and waits for the leads. */
export async function launchAt(c: LaunchableCampaign, at: number) {
  const stub = campaignObject(c.campaignId);
  await stub.testSetClock(at);
  const res = await call("POST", `/api/v1/campaigns/${c.campaignId}/launch`, { key: c.key });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  await waitForLoaded(c.campaignId);
  return stub;
}

export async function allMessages(c: { key: string; campaignId: string }) {
  const out: any[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await call("GET", `/api/v1/campaigns/${c.campaignId}/messages?limit=200&offset=${offset}`, {
      key: c.key,
    });
    out.push(...page.json.items);
    if (page.json.items.length < 200) return out;
  }
}

/** Local wall-clock parts of an instant in a zone, for checks independent of the engine. */
export function localParts(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    weekday: "short",
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    time: `${get("hour")}:${get("minute")}:${get("second")}`,
    weekday: get("weekday").toLowerCase().slice(0, 3),
  };
}
