import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call, newUser, seedAlias, seedDataset, seedTemplate } from "./helpers";
import type { CampaignObject } from "./objects";

export const DAY = 86_400_000;
/** Monday 2027-03-01 06:00 UTC (07:00 in Berlin): where most sending tests start their clock. */
export const MONDAY = Date.UTC(2027, 2, 1, 6, 0, 0);

/** `n` leads `<tag><i>@<domain>` with the merge fields the default template uses. */
export function leadRows(n: number, opts: { tag?: string; domain?: string } = {}) {
  const { tag = "lead", domain = "example.com" } = opts;
  return Array.from({ length: n }, (_, i) => ({
    email: `${tag}${i + 1}@${domain}`,
    first_name: `L${i + 1}`,
    company: "Co",
  }));
}

/** An email step with one TEMPLATE variant (step 1 goes at once; later steps two days after the previous one). */
export function emailStep(step: number, templateId: string, extra: Record<string, unknown> = {}) {
  return {
    step,
    delay_days: step === 1 ? 0 : 2,
    channel: "email",
    variants: [{ label: "A", weight: 1, type: "TEMPLATE", template_id: templateId }],
    ...extra,
  };
}

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
  /** The default template (`subject`/`body` options). */
  templateId: string;
  /** Every template made for the campaign by name, `main` being the default one. */
  templateIds: Record<string, string>;
  aliasId: string;
}

/**
 * A user with a dataset, templates, a capture alias and a draft campaign over them, created through
 * the API. `steps` may refer to the templates it made: it is given their ids by name (`main` and
 * each of `templates`); by default one email step sends `main`.
 */
export async function draftCampaign(
  opts: {
    rows?: Record<string, string>[];
    body?: string;
    subject?: string;
    campaign?: Record<string, unknown>;
    templates?: Record<string, { subject: string; body: string }>;
    steps?: unknown[] | ((templateIds: Record<string, string>) => unknown[]);
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
  const templateIds: Record<string, string> = { main: templateId };
  for (const [name, content] of Object.entries(opts.templates ?? {}))
    templateIds[name] = await seedTemplate(u.userId, content, name);
  const aliasId = await seedAlias(u.userId);
  const steps = typeof opts.steps === "function" ? opts.steps(templateIds) : opts.steps;
  const res = await call("POST", "/api/v1/campaigns/", {
    key: u.key,
    body: {
      name: "Launch test",
      dataset_id: datasetId,
      alias_ids: [aliasId],
      steps: steps ?? [emailStep(1, templateId)],
      ...OPEN_PACING,
      ...opts.campaign,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return {
    key: u.key,
    userId: u.userId,
    campaignId: res.json.campaign_id,
    datasetId,
    templateId,
    templateIds,
    aliasId,
  };
}

/** The campaign's object as the test pool runs it (its test subclass, test/objects.ts). */
export function campaignObject(campaignId: string) {
  return env.CAMPAIGN.get(
    env.CAMPAIGN.idFromName(campaignId),
  ) as unknown as DurableObjectStub<CampaignObject>;
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
