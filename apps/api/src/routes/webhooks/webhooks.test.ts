import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { MAX_WEBHOOKS_PER_USER } from "@cadence/contract";
import { describe, expect, it } from "vitest";
import { call, newUser } from "../../../test/helpers";
import { createWebhook, deliveryLog, event, manualDispatcher, newSink } from "../../../test/webhook-fixtures";
import type { Env } from "../../env";
import { decryptSecret } from "../../lib/secrets";
import { enqueueWebhookEvents } from "../../webhooks/enqueue";
import { assertWebhookUrl } from "./load";

const WEBHOOK_FIELDS = ["webhook_id", "url", "events", "active", "created_at", "updated_at"];

async function storedSecret(webhookId: string) {
  const row = await env.DB.prepare("SELECT secret FROM webhooks WHERE id = ?")
    .bind(webhookId)
    .first<{ secret: string }>();
  return row!.secret;
}

async function expect422(res: { status: number; json: any; text: string }, loc: (string | number)[]) {
  expect(res.status, res.text).toBe(422);
  expect(res.json.detail).toBe("VALIDATION_ERROR");
  expect(res.json.errors.map((e: { loc: unknown }) => e.loc)).toContainEqual(loc);
}

describe("webhooks CRUD", () => {
  it("creates a webhook and shows its secret only in the create response", async () => {
    const { key } = await newUser();
    const res = await call("POST", "/api/v1/webhooks/", {
      key,
      body: { url: "https://hooks.example.com/cadence", events: ["lead.replied", "lead.bounced"] },
    });
    expect(res.status, res.text).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual([...WEBHOOK_FIELDS, "secret"].sort());
    expect(res.json).toMatchObject({
      url: "https://hooks.example.com/cadence",
      // Stored in a stable order, whatever order they were given in.
      events: ["lead.replied", "lead.bounced"],
      active: true,
    });
    expect(res.json.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const { webhook_id: id, secret } = res.json;
    expect(secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);

    // At rest it is encrypted, and decrypts to the secret that was shown.
    const stored = await storedSecret(id);
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^v2\.[0-9a-f]{8}\./);
    expect(await decryptSecret(env, stored)).toBe(secret);

    const get = await call("GET", `/api/v1/webhooks/${id}`, { key });
    const list = await call("GET", "/api/v1/webhooks", { key });
    const patch = await call("PATCH", `/api/v1/webhooks/${id}`, { key, body: { active: false } });
    for (const r of [get, list, patch]) {
      expect(r.status, r.text).toBe(200);
      expect(r.text).not.toContain(secret);
      expect(r.text).not.toContain("secret");
      expect(r.text).not.toContain(stored);
    }
    expect(Object.keys(get.json).sort()).toEqual([...WEBHOOK_FIELDS].sort());
    expect(list.json).toMatchObject({ total: 1, offset: 0, limit: 50 });
    expect(list.json.items[0].webhook_id).toBe(id);
  });

  it("normalises event lists: repeats dropped, known order, * alone", async () => {
    const { key } = await newUser();
    const a = await call("POST", "/api/v1/webhooks", {
      key,
      body: { url: "https://a.example/h", events: ["lead.clicked", "lead.sent", "lead.clicked"] },
    });
    expect(a.json.events).toEqual(["lead.sent", "lead.clicked"]);
    const b = await call("POST", "/api/v1/webhooks", {
      key,
      body: { url: "https://b.example/h", events: ["*"] },
    });
    expect(b.json.events).toEqual(["*"]);
  });

  it("rejects bad urls and events with 422 and the field's loc", async () => {
    const { key } = await newUser();
    const post = (body: unknown) => call("POST", "/api/v1/webhooks/", { key, body });
    const ok = { url: "https://hooks.example.com/x", events: ["lead.sent"] };
    await expect422(await post({ ...ok, url: "http://hooks.example.com/x" }), ["body", "url"]);
    await expect422(await post({ ...ok, url: "ftp://hooks.example.com/x" }), ["body", "url"]);
    await expect422(await post({ ...ok, url: "not a url" }), ["body", "url"]);
    await expect422(await post({ ...ok, url: "https://user:pw@hooks.example.com/x" }), ["body", "url"]);
    await expect422(await post({ ...ok, url: `https://example.com/${"a".repeat(2100)}` }), ["body", "url"]);
    await expect422(await post({ events: ["lead.sent"] }), ["body", "url"]);
    await expect422(await post({ ...ok, events: [] }), ["body", "events"]);
    await expect422(await post({ ...ok, events: ["lead.sent", "lead.teleported"] }), ["body", "events", 1]);
    await expect422(await post({ ...ok, events: ["*", "lead.sent"] }), ["body", "events"]);
    await expect422(await post({ ...ok, events: "lead.sent" }), ["body", "events"]);
    await expect422(await post({ url: ok.url }), ["body", "events"]);
    await expect422(await post({ ...ok, secret: "whsec_mine" }), ["body"]);
    expect((await call("GET", "/api/v1/webhooks", { key })).json.total).toBe(0);

    // Loopback over plain http is for local development only.
    for (const url of ["http://127.0.0.1:9999/hook", "http://localhost/hook"]) {
      const res = await post({ ...ok, url });
      expect(res.status, res.text).toBe(201);
    }
    const deployed = { ENVIRONMENT: "production" } as Env;
    expect(() => assertWebhookUrl(deployed, "http://127.0.0.1:9999/hook")).toThrow(
      expect.objectContaining({
        errors: [{ loc: ["body", "url"], msg: "must use https", type: "url_scheme" }],
      }),
    );
    expect(assertWebhookUrl(deployed, "https://hooks.example.com/x")).toBe("https://hooks.example.com/x");
  });

  it("updates url, events and active; omitted fields stay, bad values are 422", async () => {
    const { key } = await newUser();
    const created = await createWebhook(key, "https://one.example/h", ["lead.sent"]);
    const path = `/api/v1/webhooks/${created.webhook_id}`;

    const events = await call("PATCH", path, { key, body: { events: ["lead.replied", "lead.complained"] } });
    expect(events.status, events.text).toBe(200);
    expect(events.json).toMatchObject({
      url: "https://one.example/h",
      events: ["lead.replied", "lead.complained"],
      active: true,
    });
    const both = await call("PATCH", path, { key, body: { url: "https://two.example/h", active: false } });
    expect(both.json).toMatchObject({
      url: "https://two.example/h",
      events: ["lead.replied", "lead.complained"],
      active: false,
    });

    await expect422(await call("PATCH", path, { key, body: { url: "http://two.example/h" } }), [
      "body",
      "url",
    ]);
    await expect422(await call("PATCH", path, { key, body: { events: [] } }), ["body", "events"]);
    await expect422(await call("PATCH", path, { key, body: { active: "yes" } }), ["body", "active"]);
    await expect422(await call("PATCH", path, { key, body: { active: null } }), ["body", "active"]);
    const bad = await call("PATCH", path, {
      key,
      rawBody: "{",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect((await call("GET", path, { key })).json).toMatchObject({
      url: "https://two.example/h",
      active: false,
    });
  });

  it("rotates the secret: the new one is shown once, the old one stops working", async () => {
    const { key } = await newUser();
    const created = await createWebhook(key, "https://one.example/h");
    const res = await call("POST", `/api/v1/webhooks/${created.webhook_id}/rotate-secret`, { key });
    expect(res.status, res.text).toBe(200);
    expect(res.json.secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    expect(res.json.secret).not.toBe(created.secret);
    expect(res.json.webhook_id).toBe(created.webhook_id);
    expect(await decryptSecret(env, await storedSecret(created.webhook_id))).toBe(res.json.secret);
    const get = await call("GET", `/api/v1/webhooks/${created.webhook_id}`, { key });
    expect(get.text).not.toContain(res.json.secret);
  });

  it("deletes a webhook: 204, then 404", async () => {
    const { key } = await newUser();
    const created = await createWebhook(key, "https://one.example/h");
    const path = `/api/v1/webhooks/${created.webhook_id}`;
    expect((await call("DELETE", path, { key })).status).toBe(204);
    expect((await call("GET", path, { key })).status).toBe(404);
    expect((await call("DELETE", path, { key })).status).toBe(404);
  });

  it("hides one user's webhooks from another (404, never listed)", async () => {
    const owner = await newUser();
    const other = await newUser();
    const created = await createWebhook(owner.key, "https://one.example/h");
    const path = `/api/v1/webhooks/${created.webhook_id}`;
    const attempts = [
      await call("GET", path, { key: other.key }),
      await call("PATCH", path, { key: other.key, body: { active: false } }),
      await call("DELETE", path, { key: other.key }),
      await call("POST", `${path}/rotate-secret`, { key: other.key }),
      await call("GET", `${path}/deliveries`, { key: other.key }),
    ];
    for (const r of attempts) {
      expect(r.status, r.text).toBe(404);
      expect(r.json.detail).toBe("NOT_FOUND");
    }
    expect((await call("GET", "/api/v1/webhooks/", { key: other.key })).json.total).toBe(0);
    const still = await call("GET", path, { key: owner.key });
    expect(still.json).toMatchObject({ active: true });
    expect(await decryptSecret(env, await storedSecret(created.webhook_id))).toBe(created.secret);
    expect((await call("GET", path)).status).toBe(401);
    expect((await call("GET", "/api/v1/webhooks/not-a-uuid", { key: owner.key })).status).toBe(422);
  });

  it(`allows at most ${MAX_WEBHOOKS_PER_USER} webhooks per user`, async () => {
    const { key } = await newUser();
    for (let i = 0; i < MAX_WEBHOOKS_PER_USER; i++) await createWebhook(key, `https://h${i}.example/h`);
    const res = await call("POST", "/api/v1/webhooks/", {
      key,
      body: { url: "https://one-too-many.example/h", events: ["*"] },
    });
    expect(res.status).toBe(409);
    expect(res.json.detail).toBe("LIMIT_REACHED");
    const list = await call("GET", "/api/v1/webhooks?limit=5&offset=5", { key });
    expect(list.json).toMatchObject({ total: MAX_WEBHOOKS_PER_USER, offset: 5, limit: 5 });
    expect(list.json.items).toHaveLength(5);
  });
});

describe("webhook deliveries log", () => {
  it("pages and filters the log, newest first", async () => {
    const user = await newUser();
    const sink = newSink();
    const hook = await createWebhook(user.key, sink.url);
    const stub = await manualDispatcher(user.userId, Date.UTC(2027, 2, 1, 9, 0, 0));
    const first = event("lead.sent");
    await enqueueWebhookEvents(env, user.userId, [first]);
    await stub.testSetClock(Date.UTC(2027, 2, 1, 9, 1, 0));
    const later = [event("lead.replied"), event("lead.clicked")];
    await enqueueWebhookEvents(env, user.userId, later);

    const all = await deliveryLog(user.key, hook.webhook_id);
    expect(all.total).toBe(3);
    expect(all.items.map((d) => d.status)).toEqual(["pending", "pending", "pending"]);
    expect(all.items.at(-1)).toMatchObject({ event_id: first.id, event_type: "lead.sent", attempts: 0 });

    const page = await deliveryLog(user.key, hook.webhook_id, "?limit=2&offset=2");
    expect(page).toMatchObject({ total: 3, offset: 2, limit: 2 });
    expect(page.items.map((d) => d.event_id)).toEqual([first.id]);

    await sink.script([{ status: 500 }, { status: 500 }, { status: 500 }]);
    await runDurableObjectAlarm(stub);
    const failed = await deliveryLog(user.key, hook.webhook_id, "?status=pending");
    expect(failed.total).toBe(3);
    expect(failed.items.every((d) => d.attempts === 1 && d.last_status_code === 500)).toBe(true);
    expect((await deliveryLog(user.key, hook.webhook_id, "?status=delivered")).total).toBe(0);

    await stub.testSetClock(Date.UTC(2027, 2, 1, 9, 2, 0));
    await runDurableObjectAlarm(stub);
    const delivered = await deliveryLog(user.key, hook.webhook_id, "?status=delivered");
    expect(delivered.total).toBe(3);
    expect(delivered.items[0]).toMatchObject({ attempts: 2, delivered_at: "2027-03-01T09:02:00Z" });

    const q = (query: string) =>
      call("GET", `/api/v1/webhooks/${hook.webhook_id}/deliveries${query}`, { key: user.key });
    await expect422(await q("?status=lost"), ["query", "status"]);
    await expect422(await q("?limit=0"), ["query", "limit"]);
    await expect422(await q("?limit=201"), ["query", "limit"]);
  });
});

describe("webhooks in the OpenAPI document", () => {
  it("lists every webhook operation and documents the delivery itself", async () => {
    const doc = (await call("GET", "/openapi.json")).json;
    const ops: [string, string][] = [
      ["post", "/api/v1/webhooks/"],
      ["get", "/api/v1/webhooks/"],
      ["get", "/api/v1/webhooks/{webhook_id}"],
      ["patch", "/api/v1/webhooks/{webhook_id}"],
      ["delete", "/api/v1/webhooks/{webhook_id}"],
      ["post", "/api/v1/webhooks/{webhook_id}/rotate-secret"],
      ["get", "/api/v1/webhooks/{webhook_id}/deliveries"],
    ];
    for (const [method, path] of ops) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const delivery = doc.webhooks?.event?.post;
    expect(delivery).toBeDefined();
    expect(delivery.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      "Cadence-Event-Id",
      "Cadence-Signature",
    ]);
    expect(JSON.stringify(delivery.requestBody)).toContain("WebhookEventPayload");
    expect(JSON.stringify(doc.components.schemas.WebhookWithSecret)).toContain('"secret"');
    expect(doc.components.schemas.Webhook.properties).not.toHaveProperty("secret");
  });
});
