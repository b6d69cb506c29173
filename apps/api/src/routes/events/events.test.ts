import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
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
} from "../../../test/campaign-fixtures";
import { BASE, call, newUser } from "../../../test/helpers";
import { signLinkToken } from "../../lib/link-tokens";

const always = { ...OPEN_PACING, daily_limit: 10000 };
const leads = (n: number, domain = "example.com") => leadRows(n, { domain });

/** Two email steps: the default template, then a bump a day later. */
function twoSteps(rows = leads(2)) {
  return draftCampaign({
    rows,
    campaign: always,
    templates: { bump: { subject: "", body: "bump {{unsubscribe_url}}" } },
    steps: (t) => [emailStep(1, t.main!), emailStep(2, t.bump!, { delay_days: 1 })],
  });
}

describe("inbound events", () => {
  it("a reply by campaign_lead_id stops that lead's follow-up; others continue", async () => {
    const c = await twoSteps();
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 5 * 60_000);
    const lead1 = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads`, { key: c.key })).json
      .items[0];
    const res = await call("POST", "/api/v1/events/", {
      key: c.key,
      body: { type: "replied", campaign_lead_id: lead1.campaign_lead_id },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      type: "replied",
      stopped: [{ campaign_id: c.campaignId, campaign_lead_id: lead1.campaign_lead_id }],
      suppressed: null,
    });
    await driveUntil(stub, MONDAY + 3 * DAY);
    expect((await allMessages(c)).map((m) => `${m.row_index}:${m.step}`).sort()).toEqual([
      "1:1",
      "2:1",
      "2:2",
    ]);
    const events = (
      await call("GET", `/api/v1/campaigns/${c.campaignId}/leads/${lead1.campaign_lead_id}/events`, {
        key: c.key,
      })
    ).json;
    expect(events.events.map((e: any) => e.type)).toEqual(["sent", "replied", "stopped"]);
  });

  it("an unsubscribe by email applies to every live campaign of the user and suppresses the address", async () => {
    const a = await twoSteps();
    const stubA = await launchAt(a, MONDAY);
    // A second campaign of the same user with the same address.
    const ds = (await env.DB.prepare("SELECT dataset_id FROM campaigns WHERE id = ?")
      .bind(a.campaignId)
      .first<{ dataset_id: string }>())!;
    const second = await call("POST", "/api/v1/campaigns/", {
      key: a.key,
      body: {
        name: "b",
        dataset_id: ds.dataset_id,
        alias_ids: [a.aliasId],
        steps: [emailStep(1, a.templateId)],
        ...always,
      },
    });
    const stubB = await launchAt({ ...a, campaignId: second.json.campaign_id }, MONDAY);
    const res = await call("POST", "/api/v1/events", {
      key: a.key,
      body: { type: "unsubscribed", email: "LEAD2@example.com" },
    });
    expect(res.status).toBe(200);
    expect(res.json.stopped.map((s: any) => s.campaign_id).sort()).toEqual(
      [a.campaignId, second.json.campaign_id].sort(),
    );
    expect(res.json.suppressed).toBe("lead2@example.com");
    const sup = await env.DB.prepare(
      "SELECT kind FROM suppressions WHERE user_id = ? AND value = 'lead2@example.com'",
    )
      .bind(a.userId)
      .first();
    expect(sup).toEqual({ kind: "email" });
    await driveUntil(stubA, MONDAY + 3 * DAY);
    await driveUntil(stubB, MONDAY + 3 * DAY);
    expect((await allMessages(a)).every((m) => m.to !== "lead2@example.com")).toBe(true);
  });

  it("rejects a foreign or unknown lead (404) and an ambiguous body (422)", async () => {
    const c = await twoSteps();
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 60_000);
    const lead = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads`, { key: c.key })).json.items[0];
    const other = await newUser();
    const foreign = await call("POST", "/api/v1/events", {
      key: other.key,
      body: { type: "replied", campaign_lead_id: lead.campaign_lead_id },
    });
    expect(foreign.status).toBe(404);
    const both = await call("POST", "/api/v1/events", {
      key: c.key,
      body: { type: "replied", campaign_lead_id: lead.campaign_lead_id, email: "a@b.co" },
    });
    expect(both.status).toBe(422);
    const badType = await call("POST", "/api/v1/events", {
      key: c.key,
      body: { type: "opened", email: "a@b.co" },
    });
    expect(badType.status).toBe(422);
    expect(badType.json.errors[0].loc).toEqual(["body", "type"]);
  });

  it("guardrail: bounces past 5% after at least 20 sends pause the campaign with paused_reason bounce_rate", async () => {
    const c = await draftCampaign({ rows: leads(30), campaign: always });
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 19 * 60_000); // 20 sends
    expect((await allMessages(c)).length).toBe(20);
    await call("POST", "/api/v1/events", {
      key: c.key,
      body: { type: "bounced", email: "lead1@example.com" },
    });
    expect((await stub.state()).status).toBe("active"); // 1/20 = 5%: not past it
    await call("POST", "/api/v1/events", {
      key: c.key,
      body: { type: "bounced", email: "lead2@example.com" },
    });
    expect(await stub.state()).toMatchObject({ status: "paused", pausedReason: "bounce_rate" });
    const row = (await call("GET", `/api/v1/campaigns/${c.campaignId}`, { key: c.key })).json;
    expect(row).toMatchObject({ status: "paused", paused_reason: "bounce_rate" });
    await driveUntil(stub, MONDAY + DAY);
    expect((await allMessages(c)).length).toBe(20);
  });
});

describe("tracking links", () => {
  it("one-click unsubscribe: GET asks, POST suppresses the address and stops the lead", async () => {
    const c = await twoSteps();
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 60_000);
    const [first] = await allMessages(c);
    expect(first.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const url = /^<(.+)>$/.exec(first.headers["List-Unsubscribe"])![1]!;
    expect(first.text).toContain(url);
    const path = new URL(url).pathname;
    const ask = await call("GET", path);
    expect(ask.status).toBe(200);
    expect(ask.text).toContain('<form method="post">');
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM suppressions WHERE user_id = ?")
        .bind(c.userId)
        .first("n"),
    ).toBe(0);

    const done = await call("POST", path, {
      rawBody: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain("You are unsubscribed");
    const sup = await env.DB.prepare("SELECT value, reason FROM suppressions WHERE user_id = ?")
      .bind(c.userId)
      .first();
    expect(sup).toEqual({ value: first.to, reason: "unsubscribed" });
    await driveUntil(stub, MONDAY + 3 * DAY);
    const sent = await allMessages(c);
    expect(sent.filter((m) => m.to === first.to)).toHaveLength(1);
  });

  it("a tampered unsubscribe token is 400 for GET and POST and changes nothing", async () => {
    const c = await twoSteps();
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 60_000);
    const [first] = await allMessages(c);
    const path = new URL(/^<(.+)>$/.exec(first.headers["List-Unsubscribe"])![1]!).pathname;
    const [body, sig] = path.slice(3).split(".");
    const tamperedPayload = JSON.parse(atob(body!.replaceAll("-", "+").replaceAll("_", "/")));
    tamperedPayload.r = 2;
    const forged = `/u/${btoa(JSON.stringify(tamperedPayload)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}.${sig}`;
    for (const p of [forged, `${path}x`, "/u/garbage"]) {
      expect((await call("GET", p)).status).toBe(400);
      expect(
        (
          await call("POST", p, {
            rawBody: "List-Unsubscribe=One-Click",
            headers: { "content-type": "application/x-www-form-urlencoded" },
          })
        ).status,
      ).toBe(400);
    }
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM suppressions WHERE user_id = ?")
        .bind(c.userId)
        .first("n"),
    ).toBe(0);
  });

  it("track_clicks rewrites links to a signed redirect that records the click; a tampered token never redirects", async () => {
    const c = await draftCampaign({
      rows: leads(1),
      campaign: always,
      templates: {
        html: {
          subject: "Hi",
          body: '<p>See <a href="https://example.org/pricing?x=1&amp;y=2">pricing</a>. <a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
        },
      },
      steps: (t) => [emailStep(1, t.html!, { track_clicks: true })],
    });
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 60_000);
    const [m] = await allMessages(c);
    const tracked = /href="([^"]+\/c\/[^"]+)"/.exec(m.html)![1]!;
    expect(m.html).not.toContain("https://example.org/pricing");
    expect(m.html).toContain(/^<(.+)>$/.exec(m.headers["List-Unsubscribe"])![1]!); // the unsubscribe link is not tracked
    const res = await fetchNoRedirect(new URL(tracked).pathname);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://example.org/pricing?x=1&y=2");
    const lead = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads`, { key: c.key })).json.items[0];
    const events = (
      await call("GET", `/api/v1/campaigns/${c.campaignId}/leads/${lead.campaign_lead_id}/events`, {
        key: c.key,
      })
    ).json;
    expect(events.events.find((e: any) => e.type === "clicked")).toMatchObject({
      step: 1,
      data: { url: "https://example.org/pricing?x=1&y=2" },
    });

    const path = new URL(tracked).pathname;
    const [body, sig] = path.slice(3).split(".");
    const payload = JSON.parse(atob(body!.replaceAll("-", "+").replaceAll("_", "/")));
    payload.url = "https://evil.example/";
    const forged = `/c/${btoa(JSON.stringify(payload)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}.${sig}`;
    const bad = await fetchNoRedirect(forged);
    expect(bad.status).toBe(400);
    expect(bad.headers.get("location")).toBeNull();

    // Even a token signed with the deployment's own key redirects only to a link the sent email carried,
    // and only for a step that was sent.
    for (const other of [
      { ...payload, url: "https://evil.example/" },
      { ...payload, s: 2 },
      { ...payload, r: 2 },
    ]) {
      const signed = await fetchNoRedirect(`/c/${await signLinkToken(env, other)}`);
      expect(signed.status, JSON.stringify(other)).toBe(400);
      expect(signed.headers.get("location")).toBeNull();
    }
  });
});

async function fetchNoRedirect(path: string) {
  const { exports } = await import("cloudflare:workers");
  return exports.default.fetch(new Request(`${BASE}${path}`, { redirect: "manual" }));
}
