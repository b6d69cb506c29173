import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DAY } from "../../test/campaign-fixtures";
import { call, newUser } from "../../test/helpers";
import {
  createWebhook,
  deliveryLog,
  event,
  manualDispatcher,
  newSink,
  type Sink,
} from "../../test/webhook-fixtures";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, type WebhookDispatcher } from "./dispatcher";
import { enqueueWebhookEvents, webhookDispatcher } from "./enqueue";
import { verifyWebhookSignature } from "./signature";

const T0 = Date.UTC(2027, 2, 1, 9, 15, 0);

/** Independent of signature.ts: recompute the v1 HMAC with WebCrypto and compare. */
async function independentlyValid(secret: string, header: string, body: string): Promise<boolean> {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${m[1]}.${body}`)),
  );
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("") === m[2];
}

async function setup(events: string[] = ["*"]) {
  const user = await newUser();
  const sink = newSink();
  const hook = await createWebhook(user.key, sink.url, events);
  return { user, key: user.key, sink, hook };
}

async function waitForRequests(sink: Sink, n: number, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const got = await sink.requests();
    if (got.length >= n || Date.now() > until) return got;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("webhook dispatcher", () => {
  it("delivers an event once, as signed JSON a receiver can verify", async () => {
    const { user, key, sink, hook } = await setup(["lead.replied"]);
    const stub = await manualDispatcher(user.userId, T0);
    const e = event("lead.replied", { campaign_id: "c1", email: "ada@example.com", step: 2 });
    await enqueueWebhookEvents(env, user.userId, [e]);

    // The log row exists before any attempt.
    const before = await deliveryLog(key, hook.webhook_id);
    expect(before.items).toMatchObject([{ event_id: e.id, status: "pending", attempts: 0 }]);
    expect(await sink.requests()).toEqual([]);

    await runDurableObjectAlarm(stub);
    const [req, ...more] = await sink.requests();
    expect(more).toEqual([]);
    expect(req!.method).toBe("POST");
    expect(req!.headers["content-type"]).toBe("application/json");
    expect(req!.headers["cadence-event-id"]).toBe(e.id);
    expect(JSON.parse(req!.body)).toEqual({ id: e.id, type: e.type, created_at: e.created_at, data: e.data });

    const header = req!.headers["cadence-signature"]!;
    expect(header).toMatch(new RegExp(`^t=${Math.floor(T0 / 1000)},v1=[0-9a-f]{64}$`));
    expect(await verifyWebhookSignature(hook.secret, header, req!.body, 300, T0)).toBe(true);
    expect(await independentlyValid(hook.secret, header, req!.body)).toBe(true);
    // A changed body, another secret or an old timestamp do not verify.
    const tampered = req!.body.replace("ada@", "eve@");
    expect(tampered).not.toBe(req!.body);
    expect(await verifyWebhookSignature(hook.secret, header, tampered, 300, T0)).toBe(false);
    expect(await independentlyValid(hook.secret, header, tampered)).toBe(false);
    expect(await verifyWebhookSignature(`${hook.secret}x`, header, req!.body, 300, T0)).toBe(false);
    expect(await verifyWebhookSignature(hook.secret, header, req!.body, 300, T0 + 301_000)).toBe(false);

    const log = await deliveryLog(key, hook.webhook_id);
    expect(log.items).toEqual([
      {
        delivery_id: expect.any(String),
        event_id: e.id,
        event_type: "lead.replied",
        status: "delivered",
        attempts: 1,
        last_status_code: 200,
        last_error: null,
        created_at: "2027-03-01T09:15:00Z",
        delivered_at: "2027-03-01T09:15:00Z",
        next_attempt_at: null,
      },
    ]);
    expect(await stub.testNextWakeAt()).toBeNull();
  });

  it("retries a 500 after 30 s with the same event id and body, and logs both attempts", async () => {
    const { user, key, sink, hook } = await setup();
    await sink.script([{ status: 500, body: "database is down" }]);
    const stub = await manualDispatcher(user.userId, T0);
    const e = event("lead.bounced", { email: "bob@example.com" });
    await enqueueWebhookEvents(env, user.userId, [e]);

    await runDurableObjectAlarm(stub);
    expect(await sink.requests()).toHaveLength(1);
    let log = await deliveryLog(key, hook.webhook_id);
    expect(log.items[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      last_status_code: 500,
      last_error: "HTTP 500: database is down",
      next_attempt_at: "2027-03-01T09:15:30Z",
      delivered_at: null,
    });
    expect(await stub.testNextWakeAt()).toBe(T0 + 30_000);

    // Not due yet: a wake now sends nothing.
    await stub.testSetClock(T0 + 29_000);
    await runDurableObjectAlarm(stub);
    expect(await sink.requests()).toHaveLength(1);

    await stub.testSetClock(T0 + 30_000);
    await runDurableObjectAlarm(stub);
    const [first, second] = await sink.requests();
    expect(second).toBeDefined();
    expect(second!.headers["cadence-event-id"]).toBe(e.id);
    expect(second!.body).toBe(first!.body);
    // Signed afresh at the retry's time.
    expect(second!.headers["cadence-signature"]).toMatch(new RegExp(`^t=${Math.floor(T0 / 1000) + 30},`));
    expect(
      await verifyWebhookSignature(
        hook.secret,
        second!.headers["cadence-signature"],
        second!.body,
        300,
        T0 + 30_000,
      ),
    ).toBe(true);

    log = await deliveryLog(key, hook.webhook_id);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      status: "delivered",
      attempts: 2,
      last_status_code: 200,
      last_error: null,
      next_attempt_at: null,
      delivered_at: "2027-03-01T09:15:30Z",
    });
  });

  it("treats 429 (honouring Retry-After), a hang past the timeout and a dropped connection as failures", async () => {
    const { user, key, sink, hook } = await setup();
    await sink.script([
      { status: 429, headers: { "retry-after": "600" } },
      { hang_ms: 3000 },
      { close: true },
      { status: 302, headers: { location: "https://example.com/" } },
    ]);
    const stub = await manualDispatcher(user.userId, T0);
    await stub.testSetDeliveryTimeout(300);
    await enqueueWebhookEvents(env, user.userId, [event("lead.sent")]);
    const logRow = async () => (await deliveryLog(key, hook.webhook_id)).items[0];

    await runDurableObjectAlarm(stub);
    // Retry-After (10 min) beats the 30 s schedule.
    expect(await logRow()).toMatchObject({ attempts: 1, last_status_code: 429, status: "pending" });
    expect(await stub.testNextWakeAt()).toBe(T0 + 600_000);

    await stub.testSetClock(T0 + 600_000);
    await runDurableObjectAlarm(stub);
    expect(await logRow()).toMatchObject({
      attempts: 2,
      last_status_code: null,
      last_error: "timed out after 0.3 s",
      status: "pending",
    });
    expect(await stub.testNextWakeAt()).toBe(T0 + 600_000 + RETRY_DELAYS_MS[1]!);

    await stub.testSetClock((await stub.testNextWakeAt())!);
    await runDurableObjectAlarm(stub);
    const third = await logRow();
    expect(third).toMatchObject({ attempts: 3, last_status_code: null, status: "pending" });
    expect(third.last_error).toMatch(/^network error/);

    // Redirects are not followed: a 3xx is a failed attempt.
    await stub.testSetClock((await stub.testNextWakeAt())!);
    await runDurableObjectAlarm(stub);
    expect(await logRow()).toMatchObject({ attempts: 4, last_status_code: 302, status: "pending" });

    await stub.testSetClock((await stub.testNextWakeAt())!);
    await runDurableObjectAlarm(stub);
    expect(await logRow()).toMatchObject({ attempts: 5, last_status_code: 200, status: "delivered" });
    const requests = await sink.requests();
    expect(requests).toHaveLength(5);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts on the documented backoff`, async () => {
    const { user, key, sink, hook } = await setup();
    await sink.script(Array.from({ length: MAX_ATTEMPTS + 1 }, () => ({ status: 503 })));
    const stub = await manualDispatcher(user.userId, T0);
    await enqueueWebhookEvents(env, user.userId, [event("lead.failed")]);
    const wakes: number[] = [];
    for (let next = await stub.testNextWakeAt(); next !== null; next = await stub.testNextWakeAt()) {
      wakes.push(next);
      await stub.testSetClock(next);
      await runDurableObjectAlarm(stub);
      expect(wakes.length).toBeLessThanOrEqual(MAX_ATTEMPTS);
    }
    const gaps = wakes.slice(1).map((w, i) => w - wakes[i]!);
    expect(gaps).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000, 86_400_000]);
    expect(await sink.requests()).toHaveLength(MAX_ATTEMPTS);
    expect((await deliveryLog(key, hook.webhook_id)).items[0]).toMatchObject({
      status: "failed",
      attempts: MAX_ATTEMPTS,
      last_status_code: 503,
      next_attempt_at: null,
      delivered_at: null,
    });
  });

  it("sends each webhook only the event types it subscribed to", async () => {
    const user = await newUser();
    const sinks = { replied: newSink(), all: newSink(), sent: newSink(), off: newSink() };
    const replied = await createWebhook(user.key, sinks.replied.url, ["lead.replied"]);
    await createWebhook(user.key, sinks.all.url, ["*"]);
    await createWebhook(user.key, sinks.sent.url, ["lead.sent", "lead.clicked"]);
    const off = await createWebhook(user.key, sinks.off.url, ["*"]);
    const patched = await call("PATCH", `/api/v1/webhooks/${off.webhook_id}`, {
      key: user.key,
      body: { active: false },
    });
    expect(patched.status).toBe(200);

    const stub = await manualDispatcher(user.userId, T0);
    const events = [
      event("lead.replied"),
      event("lead.sent"),
      event("campaign.status_changed", { to: "paused" }),
    ];
    await enqueueWebhookEvents(env, user.userId, events);
    await runDurableObjectAlarm(stub);

    const types = async (s: Sink) => (await s.requests()).map((r) => JSON.parse(r.body).type).sort();
    expect(await types(sinks.replied)).toEqual(["lead.replied"]);
    expect(await types(sinks.all)).toEqual(["campaign.status_changed", "lead.replied", "lead.sent"]);
    expect(await types(sinks.sent)).toEqual(["lead.sent"]);
    expect(await types(sinks.off)).toEqual([]);
    expect((await deliveryLog(user.key, replied.webhook_id)).total).toBe(1);
    expect((await deliveryLog(user.key, off.webhook_id)).total).toBe(0);
  });

  it("delivers the same event id once, however often it is enqueued", async () => {
    const { user, key, sink, hook } = await setup();
    const stub = await manualDispatcher(user.userId, T0);
    const e = event("lead.clicked", { url: "https://example.com/pricing" });
    const racer = event("lead.sent");
    await enqueueWebhookEvents(env, user.userId, [e, e]);
    await Promise.all([
      enqueueWebhookEvents(env, user.userId, [racer]),
      enqueueWebhookEvents(env, user.userId, [racer]),
    ]);
    await runDurableObjectAlarm(stub);
    // Again after delivery, even with other data under the same id.
    await enqueueWebhookEvents(env, user.userId, [{ ...e, data: { url: "https://other.example/" } }]);
    await runDurableObjectAlarm(stub);

    const ids = (await sink.requests()).map((r) => r.headers["cadence-event-id"]).sort();
    expect(ids).toEqual([e.id, racer.id].sort());
    expect((await deliveryLog(key, hook.webhook_id)).total).toBe(2);
  });

  it("remembers event ids for 7 days, then forgets them along with finished deliveries, in D1's log too", async () => {
    const { user, key, sink, hook } = await setup(["lead.sent"]);
    const stub = await manualDispatcher(user.userId, T0);
    const e = event("lead.sent");
    await enqueueWebhookEvents(env, user.userId, [e]);
    await runDurableObjectAlarm(stub);
    await stub.testSetClock(T0 + 6 * DAY);
    await enqueueWebhookEvents(env, user.userId, [e, event("lead.replied")]);
    await runDurableObjectAlarm(stub);
    expect(await sink.requests()).toHaveLength(1);

    // Past the window (pruning runs on enqueue too, so unsubscribed traffic alone keeps storage bounded).
    await stub.testSetClock(T0 + 8 * DAY);
    await enqueueWebhookEvents(env, user.userId, [event("lead.replied")]);
    await enqueueWebhookEvents(env, user.userId, [e]);
    await runDurableObjectAlarm(stub);
    expect((await sink.requests()).map((r) => r.headers["cadence-event-id"])).toEqual([e.id, e.id]);
    // D1's log keeps the same window: the first delivery is gone from it, the second is there.
    const log = await deliveryLog(key, hook.webhook_id);
    expect(log.items.map((d) => [d.event_id, d.created_at])).toEqual([
      [e.id, new Date(T0 + 8 * DAY).toISOString().replace(".000", "")],
    ]);
  });

  it("rejects invalid events and stores nothing from that call", async () => {
    const { user, key, sink, hook } = await setup();
    const stub = await manualDispatcher(user.userId, T0);
    const good = event("lead.sent");
    const bad: unknown[] = [
      { ...event("lead.sent"), type: "lead.teleported" },
      { ...event("lead.sent"), id: "" },
      { ...event("lead.sent"), created_at: "yesterday" },
      { ...event("lead.sent"), data: ["not", "an", "object"] },
    ];
    for (const b of bad) {
      // Called inside the object: a rejecting RPC call leaks an unhandled rejection in the test pool
      // (cloudflare/workers-sdk#14736), though callers in production see the error normally.
      await expect(
        runInDurableObject(stub, (instance) =>
          (instance as unknown as WebhookDispatcher).enqueue([good, b as never]),
        ),
      ).rejects.toThrow(/event 1:/);
    }
    await runDurableObjectAlarm(stub);
    expect(await sink.requests()).toEqual([]);
    expect((await deliveryLog(key, hook.webhook_id)).total).toBe(0);
  });

  it("never sends one user's events to another user's webhooks", async () => {
    const a = await setup();
    const b = await newUser();
    const stub = await manualDispatcher(b.userId, T0);
    await enqueueWebhookEvents(env, b.userId, [event("lead.sent")]);
    await runDurableObjectAlarm(stub);
    expect(await a.sink.requests()).toEqual([]);
    expect((await deliveryLog(a.key, a.hook.webhook_id)).total).toBe(0);
  });

  it("signs retries with the current secret and url after rotation and a url change", async () => {
    const { user, key, sink, hook } = await setup();
    const moved = newSink();
    await sink.script([{ status: 500 }]);
    const stub = await manualDispatcher(user.userId, T0);
    await enqueueWebhookEvents(env, user.userId, [event("lead.replied")]);
    await runDurableObjectAlarm(stub);

    const rotated = await call("POST", `/api/v1/webhooks/${hook.webhook_id}/rotate-secret`, { key });
    expect(rotated.status).toBe(200);
    const patched = await call("PATCH", `/api/v1/webhooks/${hook.webhook_id}`, {
      key,
      body: { url: moved.url },
    });
    expect(patched.status).toBe(200);
    await stub.testSetClock(T0 + 30_000);
    await runDurableObjectAlarm(stub);

    expect(await sink.requests()).toHaveLength(1);
    const [req] = await moved.requests();
    const header = req!.headers["cadence-signature"]!;
    expect(await verifyWebhookSignature(rotated.json.secret, header, req!.body, 300, T0 + 30_000)).toBe(true);
    expect(await verifyWebhookSignature(hook.secret, header, req!.body, 300, T0 + 30_000)).toBe(false);
    expect((await deliveryLog(key, hook.webhook_id)).items[0]).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
  });

  it("fails pending retries of a disabled webhook and drops those of a deleted one", async () => {
    const user = await newUser();
    const disabledSink = newSink();
    const deletedSink = newSink();
    const disabled = await createWebhook(user.key, disabledSink.url);
    const deleted = await createWebhook(user.key, deletedSink.url);
    await disabledSink.script([{ status: 500 }]);
    await deletedSink.script([{ status: 500 }]);
    const stub = await manualDispatcher(user.userId, T0);
    await enqueueWebhookEvents(env, user.userId, [event("lead.sent")]);
    await runDurableObjectAlarm(stub);

    await call("PATCH", `/api/v1/webhooks/${disabled.webhook_id}`, {
      key: user.key,
      body: { active: false },
    });
    expect((await call("DELETE", `/api/v1/webhooks/${deleted.webhook_id}`, { key: user.key })).status).toBe(
      204,
    );
    await stub.testSetClock(T0 + 30_000);
    await runDurableObjectAlarm(stub);

    expect(await disabledSink.requests()).toHaveLength(1);
    expect(await deletedSink.requests()).toHaveLength(1);
    expect((await deliveryLog(user.key, disabled.webhook_id)).items[0]).toMatchObject({
      status: "failed",
      attempts: 1,
      last_error: "webhook was disabled before delivery",
      next_attempt_at: null,
    });
    const orphans = await env.DB.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE webhook_id = ?")
      .bind(deleted.webhook_id)
      .first<{ n: number }>();
    expect(orphans?.n).toBe(0);
    expect(await stub.testNextWakeAt()).toBeNull();
  });

  it("delivers on its own through the real alarm when no test clock is set", async () => {
    const { user, key, sink, hook } = await setup();
    const e = event("lead.unsubscribed", { email: "carol@example.com" });
    await webhookDispatcher(env, user.userId).enqueue([e]);
    const got = await waitForRequests(sink, 1);
    expect(got.map((r) => r.headers["cadence-event-id"])).toEqual([e.id]);
    expect(
      await verifyWebhookSignature(hook.secret, got[0]!.headers["cadence-signature"], got[0]!.body),
    ).toBe(true);
    // The log catches up right after the attempt.
    let log = await deliveryLog(key, hook.webhook_id);
    for (let i = 0; i < 100 && log.items[0]?.status !== "delivered"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      log = await deliveryLog(key, hook.webhook_id);
    }
    expect(log.items[0]).toMatchObject({ status: "delivered", attempts: 1, last_status_code: 200 });
  });
});
