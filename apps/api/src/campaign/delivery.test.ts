import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DAY, draftCampaign, driveUntil, emailStep, launchAt, MONDAY } from "../../test/campaign-fixtures";
import {
  emailProvider,
  linkedInActions,
  linkedInFault,
  linkedInProvider,
  providerEmails,
  providerFault,
  smtpFault,
  smtpMessages,
  smtpPeer,
  uniqueAddress,
  uniqueProfile,
} from "../../test/delivery-fixtures";
import { call, seedDataset, seedTemplate } from "../../test/helpers";

const window = {
  timezone: "Europe/Berlin",
  sending_window_start: "09:00",
  sending_window_end: "17:00",
  send_days: ["mon", "tue", "wed", "thu", "fri"],
  daily_limit: 50,
  min_interval_seconds: 600,
};

async function useAlias(
  c: { key: string; userId: string; campaignId: string; templateId: string },
  transport: object,
  steps?: object[],
) {
  const alias = await call("POST", "/api/v1/aliases/", {
    key: c.key,
    body: { email: "sam@acme.test", display_name: "Sam Sender", daily_limit: 100, transport },
  });
  expect(alias.status, alias.text).toBe(201);
  const draft = await call("PATCH", `/api/v1/campaigns/${c.campaignId}`, {
    key: c.key,
    body: { alias_ids: [alias.json.alias_id], steps: steps ?? [emailStep(1, c.templateId)] },
  });
  expect(draft.status, draft.text).toBe(200);
  return alias.json.alias_id as string;
}

const smtpTransport = () => ({
  kind: "smtp",
  host: smtpPeer.host,
  port: smtpPeer.port,
  security: "plain",
  username: smtpPeer.username,
  password: smtpPeer.password,
});

const leadEvents = async (c: { key: string; campaignId: string }, leadId: string) =>
  (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads/${leadId}/events`, { key: c.key })).json.events;

describe("delivery over real SMTP on loopback", () => {
  it("delivers every lead's steps exactly once, at the paced times, with correct headers; a reply stops that lead's follow-up", async () => {
    const to = [uniqueAddress("ada"), uniqueAddress("grace"), uniqueAddress("linus")];
    const c = await draftCampaign({
      rows: to.map((email, i) => ({ email, first_name: ["Ada", "Grace", "Linus"][i]!, company: "Engines" })),
      campaign: window,
      subject: "Question for {{first_name}}",
      body: '<p>Hi {{first_name}} at {{company}}, see <a href="https://example.org/x">this</a>.</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
    });
    const followUp = await seedTemplate(c.userId, {
      subject: "",
      body: "Hi {{first_name}}, any thoughts? {{unsubscribe_url}}",
    });
    await useAlias(c, smtpTransport(), [
      emailStep(1, c.templateId, { track_clicks: true }),
      emailStep(2, followUp),
    ]);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 4 * 3_600_000); // all three first steps (09:00, 09:10, 09:20 Berlin)
    const leads = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads`, { key: c.key })).json.items;
    const grace = leads.find((l: any) => l.email === to[1]);
    expect(
      (
        await call("POST", "/api/v1/events", {
          key: c.key,
          body: { type: "replied", campaign_lead_id: grace.campaign_lead_id },
        })
      ).status,
    ).toBe(200);
    await driveUntil(stub, MONDAY + 7 * DAY);

    const [ada, graceMail, linus] = await Promise.all(to.map(smtpMessages));
    expect(ada).toHaveLength(2);
    expect(graceMail).toHaveLength(1);
    expect(linus).toHaveLength(2);
    const [first, second] = ada as [any, any];
    expect(first.subject).toBe("Question for Ada");
    expect(first.parts).toEqual(expect.arrayContaining(["text/plain", "text/html"]));
    expect(first.html).toContain("Hi Ada at Engines");
    expect(first.html).not.toContain("https://example.org/x"); // tracked
    expect(first.text).toContain("Hi Ada at Engines");
    expect(first.envelope).toMatchObject({ from: "sam@acme.test", to: [to[0]] });
    expect(first.user).toBe(smtpPeer.username);
    const adaLead = leads.find((l: any) => l.email === to[0]);
    expect(first.message_id).toBe(`<${c.campaignId}.${adaLead.row_index}.1@acme.test>`);
    expect(first.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(first.headers["list-unsubscribe"]).toMatch(/^<http:\/\/cadence\.test\/u\/[\w-]+\.[\w-]+>$/);
    expect(second.subject).toBe("Re: Question for Ada");
    expect(second.in_reply_to).toBe(first.message_id);
    expect(second.references).toEqual([first.message_id]);
    expect(second.text).toContain("Hi Ada, any thoughts?");

    // Paced: first steps 10 min apart from 09:00 Berlin; follow-ups two calendar days later.
    const sentAt = async (leadId: string) =>
      (await leadEvents(c, leadId)).filter((e: any) => e.type === "sent").map((e: any) => e.at);
    expect(await sentAt(adaLead.campaign_lead_id)).toEqual(["2027-03-01T08:00:00Z", "2027-03-03T08:00:00Z"]);
    expect(await sentAt(grace.campaign_lead_id)).toEqual(["2027-03-01T08:10:00Z"]);
    const stats = (await call("GET", `/api/v1/campaigns/${c.campaignId}/stats`, { key: c.key })).json;
    expect(stats.actions).toMatchObject({ sent: 5, failed: 0, in_flight: 0 });
    expect(await stub.state()).toMatchObject({ status: "completed", processedLeads: 3 });
  });

  it("a connection cut mid-DATA gives no duplicate and no loss", async () => {
    const to = uniqueAddress("cut");
    const c = await draftCampaign({
      rows: [{ email: to, first_name: "Cut", company: "X" }],
      campaign: window,
    });
    await useAlias(c, smtpTransport());
    await smtpFault(to, "drop_data", 1);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + DAY);
    expect(await smtpMessages(to)).toHaveLength(1);
    const lead = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads`, { key: c.key })).json.items[0];
    expect((await leadEvents(c, lead.campaign_lead_id)).map((e: any) => e.type)).toEqual([
      "retry_scheduled",
      "sent",
      "completed",
    ]);
  });

  it("a rejected recipient fails that lead with the server's reason and the campaign moves on", async () => {
    const bad = uniqueAddress("bad");
    const good = uniqueAddress("good");
    const c = await draftCampaign({
      rows: [
        { email: bad, first_name: "B", company: "X" },
        { email: good, first_name: "G", company: "X" },
      ],
      campaign: window,
    });
    await useAlias(c, smtpTransport());
    await smtpFault(bad, "reject_rcpt", 1);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + DAY);
    expect(await smtpMessages(good)).toHaveLength(1);
    const failed = (
      await call("GET", `/api/v1/campaigns/${c.campaignId}/leads?status=failed`, { key: c.key })
    ).json.items;
    expect(failed).toHaveLength(1);
    expect(failed[0].stop_reason).toMatch(/^55\d/);
    expect(await stub.state()).toMatchObject({ status: "completed", processedLeads: 2 });
  });
});

describe("delivery through an HTTP email provider", () => {
  const httpTransport = () => ({
    kind: "http",
    provider: "resend",
    base_url: emailProvider.url,
    api_key: emailProvider.apiKey,
  });

  for (const fault of ["rate_limit", "server_error", "lose_response"] as const) {
    it(`after ${fault} the retry keeps the key and the provider sends the action once`, async () => {
      const to = uniqueAddress(fault);
      const c = await draftCampaign({
        rows: [{ email: to, first_name: "P", company: "X" }],
        campaign: window,
      });
      await useAlias(c, httpTransport());
      await providerFault(to, fault, 1);
      const stub = await launchAt(c, MONDAY);
      await driveUntil(stub, MONDAY + DAY);
      const emails = await providerEmails(to);
      expect(emails).toHaveLength(1);
      expect(emails[0].idempotency_key).toBe(`${c.campaignId}:1:1`);
      const stats = (await call("GET", `/api/v1/campaigns/${c.campaignId}/stats`, { key: c.key })).json;
      expect(stats.actions).toMatchObject({ sent: 1, failed: 0 });
    });
  }

  it("an action claimed before a crash is reconciled with the provider's idempotency, never sent twice", async () => {
    const to = uniqueAddress("crash");
    const c = await draftCampaign({ rows: [{ email: to, first_name: "P", company: "X" }], campaign: window });
    await useAlias(c, httpTransport());
    const stub = await launchAt(c, MONDAY);
    await stub.testInjectFault("after_send");
    await stub.testSetClock((await stub.testNextWakeAt())!);
    const { runDurableObjectAlarm } = await import("cloudflare:test");
    await expect(runDurableObjectAlarm(stub)).rejects.toThrow("injected fault");
    expect(await providerEmails(to)).toHaveLength(1); // accepted, but the object never recorded it
    await stub.ping();
    await runDurableObjectAlarm(stub); // the retry reconciles
    await driveUntil(stub, MONDAY + DAY);
    expect(await providerEmails(to)).toHaveLength(1);
    const stats = (await call("GET", `/api/v1/campaigns/${c.campaignId}/stats`, { key: c.key })).json;
    expect(stats).toMatchObject({ actions: { sent: 1, failed: 0, in_flight: 0 }, processed_leads: 1 });
  });
});

describe("LinkedIn through a connected account", () => {
  async function linkedInCampaign(profiles: string[]) {
    const c = await draftCampaign({
      rows: profiles.map((p) => ({ first_name: "Ada", linkedin_url: `https://www.linkedin.com/in/${p}/` })),
      campaign: { ...window, type: "linkedin", alias_ids: [], connected_account_id: crypto.randomUUID() },
      steps: [
        {
          step: 1,
          channel: "linkedin",
          action_type: "profile_visit",
          variants: [{ label: "A", weight: 1, type: "PERSONALIZATION" }],
        },
      ],
    });
    const res = await call("POST", "/api/v1/connected-accounts/", {
      key: c.key,
      body: {
        provider: "unipile",
        provider_account_id: linkedInProvider.accountId,
        display_name: "Ada's LinkedIn",
        base_url: linkedInProvider.url,
        api_key: linkedInProvider.apiKey,
        daily_limit: 2,
        weekly_limit: 10,
      },
    });
    expect(res.status, res.text).toBe(201);
    const account = res.json.connected_account_id as string;
    await env.DB.prepare("UPDATE campaigns SET connected_account_id = ? WHERE id = ?")
      .bind(account, c.campaignId)
      .run();
    return { c, account };
  }

  it("the account's daily cap holds across two campaigns sharing it", async () => {
    const p1 = [uniqueProfile("a"), uniqueProfile("b"), uniqueProfile("c")];
    const p2 = [uniqueProfile("d"), uniqueProfile("e"), uniqueProfile("f")];
    const { c: c1, account } = await linkedInCampaign(p1);
    // A second campaign of the same user on the same account.
    const dataset = await seedDataset(
      c1.userId,
      p2.map((p) => ({ first_name: "Ada", linkedin_url: `https://www.linkedin.com/in/${p}/` })),
    );
    const second = await call("POST", "/api/v1/campaigns/", {
      key: c1.key,
      body: {
        name: "second",
        type: "linkedin",
        dataset_id: dataset,
        connected_account_id: account,
        steps: [
          {
            step: 1,
            channel: "linkedin",
            action_type: "profile_visit",
            variants: [{ label: "A", weight: 1, type: "PERSONALIZATION" }],
          },
        ],
        ...window,
      },
    });
    expect(second.status, second.text).toBe(201);
    const c2 = { ...c1, campaignId: second.json.campaign_id };
    const s1 = await launchAt(c1, MONDAY);
    const s2 = await launchAt(c2, MONDAY);
    for (let t = MONDAY; t < MONDAY + 14 * 3_600_000; t += 20 * 60_000) {
      await driveUntil(s1, t);
      await driveUntil(s2, t);
    }
    const visits = (await Promise.all([...p1, ...p2].map(linkedInActions))).flat();
    expect(visits).toHaveLength(2);
    const reason = (await call("GET", `/api/v1/campaigns/${c2.campaignId}/schedule`, { key: c1.key })).json
      .not_sending_reason;
    expect(["daily_limit_reached", "outside_window"]).toContain(reason);
  });

  it("provider throttling cools the account down instead of failing the lead", async () => {
    const profile = uniqueProfile("slow");
    const { c } = await linkedInCampaign([profile]);
    await linkedInFault(profile, "rate_limit", 1);
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY + 2 * DAY);
    expect(await linkedInActions(profile)).toHaveLength(1);
    const lead = (await call("GET", `/api/v1/campaigns/${c.campaignId}/leads`, { key: c.key })).json.items[0];
    expect(lead.status).toBe("completed");
    const types = (await leadEvents(c, lead.campaign_lead_id)).map((e: any) => e.type);
    expect(types).toEqual(["retry_scheduled", "sent", "completed"]);
  });
});
