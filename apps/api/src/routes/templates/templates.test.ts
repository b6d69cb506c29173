import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { renderTemplate } from "@cadence/templating";
import { describe, expect, it } from "vitest";
import { campaignObject, draftCampaign, waitForLoaded } from "../../../test/campaign-fixtures";
import { campaignBody } from "../../../test/fixtures";
import { BASE, call, newUser, seedDataset, seedTemplate } from "../../../test/helpers";
import { leadSeed } from "../../campaign/sequence";

const TEMPLATE_FIELDS = ["template_id", "name", "content", "created_at", "updated_at"];
const PREVIEW_UNSUBSCRIBE = `${BASE}/u/preview`;

async function create(key: string, body: unknown) {
  return call("POST", "/api/v1/templates/", { key, body });
}

async function newTemplate(key: string, subject: string, body: string, name = "t") {
  const res = await create(key, { name, content: { subject, body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.template_id as string;
}

async function preview(key: string, templateId: string, body: unknown) {
  return call("POST", `/api/v1/templates/${templateId}/preview`, { key, body });
}

/** Preview of literal data: the body must come back 200. */
async function render(subject: string, body: string, data: Record<string, unknown>) {
  const u = await newUser();
  const id = await newTemplate(u.key, subject, body);
  const res = await preview(u.key, id, { data });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as { subject: string; body: string; missing_fields: string[] };
}

describe("templates: CRUD", () => {
  it("creates, gets, lists (newest first, paginated, name filter), patches and deletes", async () => {
    const u = await newUser();
    const created = await create(u.key, {
      name: "Intro",
      content: { subject: "Hi {{first_name}}", body: "Hello {{company}}" },
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual([...TEMPLATE_FIELDS].sort());
    expect(created.json).toMatchObject({
      name: "Intro",
      content: { subject: "Hi {{first_name}}", body: "Hello {{company}}" },
    });
    expect(created.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const a = created.json.template_id;
    const b = await newTemplate(u.key, "s", "b", "Follow-up");

    const got = await call("GET", `/api/v1/templates/${a}`, { key: u.key });
    expect(got.status).toBe(200);
    expect(got.json).toEqual(created.json);

    const all = await call("GET", "/api/v1/templates/", { key: u.key });
    expect(all.json).toMatchObject({ total: 2, offset: 0, limit: 50 });
    expect(all.json.items.map((t: any) => t.template_id)).toEqual([b, a]);
    const page = await call("GET", "/api/v1/templates?limit=1&offset=1", { key: u.key });
    expect(page.json).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(page.json.items.map((t: any) => t.template_id)).toEqual([a]);
    const byName = await call("GET", "/api/v1/templates/?name=FOLLOW", { key: u.key });
    expect(byName.json.items.map((t: any) => t.template_id)).toEqual([b]);

    const renamed = await call("PATCH", `/api/v1/templates/${a}`, { key: u.key, body: { name: "Intro v2" } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({
      name: "Intro v2",
      content: { subject: "Hi {{first_name}}", body: "Hello {{company}}" },
    });
    const newSubject = await call("PATCH", `/api/v1/templates/${a}`, {
      key: u.key,
      body: { content: { subject: "Hey {{first_name}}" } },
    });
    expect(newSubject.json).toMatchObject({
      name: "Intro v2",
      content: { subject: "Hey {{first_name}}", body: "Hello {{company}}" },
    });

    expect((await call("DELETE", `/api/v1/templates/${a}`, { key: u.key })).status).toBe(204);
    expect((await call("GET", `/api/v1/templates/${a}`, { key: u.key })).status).toBe(404);
    expect((await call("DELETE", `/api/v1/templates/${a}`, { key: u.key })).status).toBe(404);
    expect((await call("GET", "/api/v1/templates/", { key: u.key })).json.total).toBe(1);
  });

  it("rejects a Liquid syntax error with 422, the part's loc and the engine's position", async () => {
    const u = await newUser();
    const badBody = await create(u.key, {
      name: "broken",
      content: { subject: "ok", body: "line one\nHi {% if first_name %}there" },
    });
    expect(badBody.status).toBe(422);
    expect(badBody.json.detail).toBe("VALIDATION_ERROR");
    expect(badBody.json.errors).toHaveLength(1);
    expect(badBody.json.errors[0]).toMatchObject({
      loc: ["body", "content", "body"],
      type: "template_syntax",
    });
    expect(badBody.json.errors[0].msg).toMatch(/line 2, column \d+/);

    const badSubject = await create(u.key, {
      name: "broken",
      content: { subject: "{{ first_name | no_such_filter }}", body: "fine" },
    });
    expect(badSubject.status).toBe(422);
    expect(badSubject.json.errors[0].loc).toEqual(["body", "content", "subject"]);
    expect((await call("GET", "/api/v1/templates/", { key: u.key })).json.total).toBe(0);

    const id = await newTemplate(u.key, "ok", "fine");
    const badPatch = await call("PATCH", `/api/v1/templates/${id}`, {
      key: u.key,
      body: { content: { body: "{% include 'x' %}" } },
    });
    expect(badPatch.status).toBe(422);
    expect(badPatch.json.errors[0].loc).toEqual(["body", "content", "body"]);
    expect((await call("GET", `/api/v1/templates/${id}`, { key: u.key })).json.content.body).toBe("fine");
  });

  it("validates the request shape", async () => {
    const u = await newUser();
    const noName = await create(u.key, { content: { subject: "s", body: "b" } });
    expect(noName.status).toBe(422);
    expect(noName.json.errors.map((e: any) => e.loc)).toContainEqual(["body", "name"]);
    const emptyBody = await create(u.key, { name: "x", content: { subject: "s", body: "" } });
    expect(emptyBody.status).toBe(422);
    expect(emptyBody.json.errors[0].loc).toEqual(["body", "content", "body"]);
    const id = await newTemplate(u.key, "s", "b");
    const unknown = await call("PATCH", `/api/v1/templates/${id}`, { key: u.key, body: { subject: "x" } });
    expect(unknown.status).toBe(422);
    expect((await call("GET", `/api/v1/templates/not-a-uuid`, { key: u.key })).status).toBe(422);
  });
});

describe("templates: delete while in use", () => {
  async function campaignUsing(userId: string, key: string, templateId: string, status: string) {
    const body = await campaignBody(userId);
    (body.steps[0] as any).variants[0].template_id = templateId;
    const res = await call("POST", "/api/v1/campaigns/", { key, body });
    expect(res.status).toBe(201);
    await env.DB.prepare("UPDATE campaigns SET status = ? WHERE id = ?")
      .bind(status, res.json.campaign_id)
      .run();
    return res.json.campaign_id as string;
  }

  it("is 409 RESOURCE_IN_USE while a live campaign references the template", async () => {
    for (const status of ["launching", "scheduled", "active", "draining", "paused"]) {
      const u = await newUser();
      const id = await newTemplate(u.key, "s", "b");
      const campaignId = await campaignUsing(u.userId, u.key, id, status);
      const res = await call("DELETE", `/api/v1/templates/${id}`, { key: u.key });
      expect(res.status, status).toBe(409);
      expect(res.json.detail).toBe("RESOURCE_IN_USE");
      expect(res.json.message).toContain(campaignId);
      expect((await call("GET", `/api/v1/templates/${id}`, { key: u.key })).status).toBe(200);
    }
  });

  it("may be deleted when only drafts or finished campaigns reference it", async () => {
    for (const status of ["draft", "completed", "failed"]) {
      const u = await newUser();
      const id = await newTemplate(u.key, "s", "b");
      await campaignUsing(u.userId, u.key, id, status);
      expect((await call("DELETE", `/api/v1/templates/${id}`, { key: u.key })).status, status).toBe(204);
    }
  });
});

describe("templates: preview", () => {
  it("renders a dataset row with the lead's spintax seed and a sample unsubscribe link", async () => {
    const u = await newUser();
    const datasetId = await seedDataset(u.userId, [
      { email: "ada@example.com", first_name: "Ada", company: "Analytical" },
      { email: "grace@example.com", first_name: "Grace", company: "" },
    ]);
    const content = {
      subject: "{Hi|Hello|Hey} {{first_name}}",
      body: "{About|Regarding} {{company}}.\nUnsubscribe: {{unsubscribe_url}}",
    };
    const id = await newTemplate(u.key, content.subject, content.body);
    const res = await preview(u.key, id, { dataset_id: datasetId, row_index: 2 });
    expect(res.status).toBe(200);
    const expected = renderTemplate(
      content,
      { email: "grace@example.com", first_name: "Grace", company: "" },
      { seed: leadSeed(datasetId, 2), reserved: { unsubscribe_url: PREVIEW_UNSUBSCRIBE } },
    );
    expect(res.json).toEqual({
      subject: expected.subject,
      body: expected.body,
      missing_fields: ["company"],
    });
    expect(res.json.subject).toMatch(/^(Hi|Hello|Hey) Grace$/);
    expect(res.json.body).toContain(`Unsubscribe: ${PREVIEW_UNSUBSCRIBE}`);
  });

  it("renders literal data with a seed derived from its email", async () => {
    const content = { subject: "{A|B|C|D|E|F|G|H}", body: "{1|2|3|4|5|6|7|8} {{first_name}}" };
    const data = { email: "ada@example.com", first_name: "Ada" };
    const out = await render(content.subject, content.body, data);
    const expected = renderTemplate(content, data, {
      seed: `preview:${JSON.stringify("ada@example.com")}`,
      reserved: { unsubscribe_url: PREVIEW_UNSUBSCRIBE },
    });
    expect(out).toEqual({ subject: expected.subject, body: expected.body, missing_fields: [] });
  });

  it("404s an unknown row, another user's dataset or an unknown dataset; 422s an ambiguous body", async () => {
    const u = await newUser();
    const other = await newUser();
    const id = await newTemplate(u.key, "s", "b");
    const mine = await seedDataset(u.userId, [{ email: "a@example.com" }]);
    const theirs = await seedDataset(other.userId, [{ email: "b@example.com" }]);
    expect((await preview(u.key, id, { dataset_id: mine, row_index: 1 })).status).toBe(200);
    const noRow = await preview(u.key, id, { dataset_id: mine, row_index: 2 });
    expect(noRow.status).toBe(404);
    expect(noRow.json.detail).toBe("NOT_FOUND");
    expect((await preview(u.key, id, { dataset_id: theirs, row_index: 1 })).status).toBe(404);
    expect((await preview(u.key, id, { dataset_id: crypto.randomUUID(), row_index: 1 })).status).toBe(404);

    const both = await preview(u.key, id, { dataset_id: mine, row_index: 1, data: {} });
    expect(both.status).toBe(422);
    expect(both.json.errors[0].loc).toEqual(["body", "data"]);
    const noRowIndex = await preview(u.key, id, { dataset_id: mine });
    expect(noRowIndex.status).toBe(422);
    expect(noRowIndex.json.errors[0].loc).toEqual(["body", "row_index"]);
    const empty = await preview(u.key, id, {});
    expect(empty.status).toBe(422);
    const zero = await preview(u.key, id, { dataset_id: mine, row_index: 0 });
    expect(zero.status).toBe(422);
  });

  it("applies default: fallbacks and reports missing fields by name, once each", async () => {
    const out = await render(
      'Hi {{ first_name | default: "there" }}',
      "{{company}} / {{ title }} / {{company}} / {{ city | default: 'your city' }}",
      { first_name: "", title: "CTO" },
    );
    expect(out.subject).toBe("Hi there");
    expect(out.body).toBe(" / CTO /  / your city");
    expect(out.missing_fields).toEqual(["company"]);
  });

  it("resolves nested spintax to one of its variants, the same way every time", async () => {
    const u = await newUser();
    const id = await newTemplate(u.key, "{Hi {there|friend}|Hello}", "{a {b|c {d|e}}|f}");
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const data = { email: `lead${i}@example.com` };
      const first = (await preview(u.key, id, { data })).json;
      expect(["Hi there", "Hi friend", "Hello"]).toContain(first.subject);
      expect(["a b", "a c d", "a c e", "f"]).toContain(first.body);
      expect((await preview(u.key, id, { data })).json).toEqual(first);
      seen.add(`${first.subject}|${first.body}`);
    }
    // Different leads get different variants (12 leads all alike would mean the seed is ignored).
    expect(seen.size).toBeGreaterThan(1);
  });

  it("HTML-escapes merge values in an HTML body but not in the subject or a plain-text body", async () => {
    const data = { first_name: "<script>alert(1)</script>", company: 'Tom & "Jerry"' };
    const html = await render("Hi {{first_name}}", "<p>Hi {{first_name}} at {{company}}</p>", data);
    expect(html.body).toBe("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; at Tom &amp; &#34;Jerry&#34;</p>");
    expect(html.body).not.toContain("<script>");
    expect(html.subject).toBe("Hi <script>alert(1)</script>");
    const text = await render("s", "Hi {{first_name}}", data);
    expect(text.body).toBe("Hi <script>alert(1)</script>");
  });

  it("renders the sample unsubscribe link, which row data cannot replace", async () => {
    const out = await render("s", "Bye: {{unsubscribe_url}}", {
      unsubscribe_url: "https://evil.example/",
      n: 3,
      vip: true,
      gone: null,
    });
    expect(out.body).toBe(`Bye: ${PREVIEW_UNSUBSCRIBE}`);
    const scalars = await render("{{n}} {{vip}}", "{{gone}}", { n: 3, vip: true, gone: null });
    expect(scalars.subject).toBe("3 true");
    expect(scalars.missing_fields).toEqual(["gone"]);
  });

  it("answers 422 for a stored template the engine cannot parse", async () => {
    const u = await newUser();
    const id = await seedTemplate(u.userId, { subject: "s", body: "{% if x %}" });
    const res = await preview(u.key, id, { data: {} });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].loc).toEqual(["template", "content", "body"]);
  });
});

describe("templates: preview matches the real send", () => {
  // Row 1 has no email, so the campaign's only lead is row 2: the row index must really matter.
  const rows = [
    { email: "", first_name: "Nobody", company: "None" },
    { email: "ada@example.com", first_name: "Ada", company: "Analytical" },
  ];

  async function sentAndPreviewed(subject: string, body: string) {
    const c = await draftCampaign({ rows, subject, body });
    expect((await call("POST", `/api/v1/campaigns/${c.campaignId}/launch`, { key: c.key })).status).toBe(200);
    await waitForLoaded(c.campaignId);
    const stub = campaignObject(c.campaignId);
    await stub.testSetClock(Date.now());
    await runDurableObjectAlarm(stub);
    const messages = (await call("GET", `/api/v1/campaigns/${c.campaignId}/messages`, { key: c.key })).json;
    expect(messages.items).toHaveLength(1);
    const sent = messages.items[0];
    expect(sent.row_index).toBe(2);
    const res = await preview(c.key, c.templateId, { dataset_id: c.datasetId, row_index: 2 });
    expect(res.status).toBe(200);
    expect(res.json.missing_fields).toEqual([]);
    return { sent, previewed: res.json };
  }

  // The sent link carries a signed token; the preview shows the sample one in its place.
  const sampleLink = (s: string) => s.replace(/\/u\/[A-Za-z0-9_.-]+/g, "/u/preview");

  it("plain text: same subject and body, spintax included", async () => {
    const { sent, previewed } = await sentAndPreviewed(
      "{Quick|Short|Brief|Small} {question|idea|note|thought} for {{first_name}}",
      "{Hi|Hello|Hey|Dear} {{first_name}},\n\n{I saw|I noticed|I read about|I heard of} {{company}} {today|this week|lately|recently}.\n\nUnsubscribe: {{unsubscribe_url}}",
    );
    expect(sent.subject).toBe(previewed.subject);
    expect(sent.text).toContain("Ada");
    expect(sampleLink(sent.text)).toBe(previewed.body);
    expect(previewed.body).toContain(PREVIEW_UNSUBSCRIBE);
  });

  it("HTML: same subject and HTML body", async () => {
    const { sent, previewed } = await sentAndPreviewed(
      "{Quick|Short|Brief|Small} {question|idea|note|thought} for {{first_name}}",
      '<p>{Hi|Hello|Hey|Dear} {{first_name}},</p><p>{{company}} {rocks|rules|shines|wins}</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
    );
    expect(sent.subject).toBe(previewed.subject);
    expect(sent.html).not.toBeNull();
    expect(sampleLink(sent.html)).toBe(previewed.body);
  });
});

describe("templates: isolation", () => {
  it("another user gets 404 for get, patch, delete and preview, and sees nothing in lists", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    const id = await newTemplate(owner.key, "s", "b");
    const path = `/api/v1/templates/${id}`;
    expect((await call("GET", path, { key: intruder.key })).status).toBe(404);
    expect((await call("PATCH", path, { key: intruder.key, body: { name: "mine" } })).status).toBe(404);
    expect((await call("DELETE", path, { key: intruder.key })).status).toBe(404);
    expect((await preview(intruder.key, id, { data: {} })).status).toBe(404);
    const theirList = await call("GET", "/api/v1/templates/", { key: intruder.key });
    expect(theirList.json).toMatchObject({ items: [], total: 0 });
    const still = await call("GET", path, { key: owner.key });
    expect(still.json.name).toBe("t");
  });

  it("a campaign of another user that names the template does not block its deletion", async () => {
    const owner = await newUser();
    const other = await newUser();
    const id = await newTemplate(owner.key, "s", "b");
    const body = await campaignBody(other.userId);
    (body.steps[0] as any).variants[0].template_id = id;
    const res = await call("POST", "/api/v1/campaigns/", { key: other.key, body });
    await env.DB.prepare("UPDATE campaigns SET status = 'active' WHERE id = ?")
      .bind(res.json.campaign_id)
      .run();
    // ...and its owner cannot delete (or learn about) a template that is not theirs.
    expect((await call("DELETE", `/api/v1/templates/${id}`, { key: other.key })).status).toBe(404);
    expect((await call("DELETE", `/api/v1/templates/${id}`, { key: owner.key })).status).toBe(204);
  });

  it("requires a key", async () => {
    expect((await call("GET", "/api/v1/templates/")).status).toBe(401);
  });
});
