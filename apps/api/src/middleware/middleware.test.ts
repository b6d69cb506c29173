import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { campaignBody } from "../../test/fixtures";
import { call, newUser } from "../../test/helpers";

describe("idempotency", () => {
  it("replays the first response for the same key and body", async () => {
    const u = await newUser();
    const body = await campaignBody(u.userId);
    const headers = { "idempotency-key": "create-1" };
    const first = await call("POST", "/api/v1/campaigns/", { key: u.key, body, headers });
    const second = await call("POST", "/api/v1/campaigns/", { key: u.key, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect((await call("GET", "/api/v1/campaigns/", { key: u.key })).json.total).toBe(1);
  });

  it("the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED", async () => {
    const u = await newUser();
    const body = await campaignBody(u.userId);
    const headers = { "idempotency-key": "create-2" };
    await call("POST", "/api/v1/campaigns/", { key: u.key, body, headers });
    const res = await call("POST", "/api/v1/campaigns/", {
      key: u.key,
      body: { ...body, name: "other" },
      headers,
    });
    expect(res.status).toBe(422);
    expect(res.json.detail).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("the same key while the first request runs is 409 IDEMPOTENCY_KEY_IN_USE", async () => {
    const u = await newUser();
    // The first request's claim, as it stands while that request is still running.
    await env.DB.prepare(
      "INSERT INTO idempotency_keys (user_id, key, request_hash, created_at, expires_at) VALUES (?, 'busy', '', ?, ?)",
    )
      .bind(u.userId, Date.now(), Date.now() + 86_400_000)
      .run();
    const res = await call("POST", "/api/v1/campaigns/", {
      key: u.key,
      body: await campaignBody(u.userId),
      headers: { "idempotency-key": "busy" },
    });
    expect(res.status).toBe(409);
    expect(res.json.detail).toBe("IDEMPOTENCY_KEY_IN_USE");
  });

  it("concurrent first requests with one key create exactly one campaign", async () => {
    const u = await newUser();
    const body = await campaignBody(u.userId);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        call("POST", "/api/v1/campaigns/", { key: u.key, body, headers: { "idempotency-key": "race" } }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(created.map((r) => r.json.campaign_id)).size).toBe(1);
    expect((await call("GET", "/api/v1/campaigns/", { key: u.key })).json.total).toBe(1);
  });

  it("a rejected request does not pin the key: the corrected retry runs", async () => {
    const u = await newUser();
    const body = await campaignBody(u.userId);
    const headers = { "idempotency-key": "fix-me" };
    const bad = await call("POST", "/api/v1/campaigns/", {
      key: u.key,
      body: { ...body, daily_limit: 0 },
      headers,
    });
    expect(bad.status).toBe(422);
    const again = await call("POST", "/api/v1/campaigns/", {
      key: u.key,
      body: { ...body, daily_limit: 0 },
      headers,
    });
    expect(again.status).toBe(422);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await call("POST", "/api/v1/campaigns/", {
      key: u.key,
      body,
      headers: { "idempotency-key": "fix-me-2" },
    });
    expect(other.status).toBe(201);
  });

  it("keys are scoped per user and limited to 255 characters", async () => {
    const a = await newUser();
    const b = await newUser();
    const headers = { "idempotency-key": "shared" };
    const ra = await call("POST", "/api/v1/campaigns/", {
      key: a.key,
      body: await campaignBody(a.userId),
      headers,
    });
    const rb = await call("POST", "/api/v1/campaigns/", {
      key: b.key,
      body: await campaignBody(b.userId),
      headers,
    });
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(ra.json.campaign_id).not.toBe(rb.json.campaign_id);
    const long = await call("POST", "/api/v1/campaigns/", {
      key: a.key,
      body: await campaignBody(a.userId),
      headers: { "idempotency-key": "k".repeat(256) },
    });
    expect(long.status).toBe(422);
    expect(long.json.errors[0].loc).toEqual(["header", "Idempotency-Key"]);
  });
});

describe("rate limiting", () => {
  it("sends limit headers and answers 429 RATE_LIMITED with Retry-After past the key's limit", async () => {
    const u = await newUser();
    await env.DB.prepare("UPDATE api_keys SET rate_limit_per_minute = 3 WHERE id = ?").bind(u.keyId).run();
    const ok = [];
    for (let i = 0; i < 3; i++) ok.push(await call("GET", "/api/v1/auth/me", { key: u.key }));
    for (const r of ok) {
      expect(r.status).toBe(200);
      expect(r.headers.get("x-ratelimit-limit")).toBe("3");
      expect(Number(r.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000 - 1);
    }
    const limited = await call("GET", "/api/v1/auth/me", { key: u.key });
    expect(limited.status).toBe(429);
    expect(limited.json.detail).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("x-ratelimit-limit")).toBe("3");
    expect(limited.headers.get("x-ratelimit-reset")).toBeTruthy();
    // Another key of another user is unaffected.
    const other = await newUser();
    expect((await call("GET", "/api/v1/auth/me", { key: other.key })).status).toBe(200);
  });

  it("uses RATE_LIMIT_PER_MINUTE when the key has no override", async () => {
    const u = await newUser();
    const res = await call("GET", "/api/v1/auth/me", { key: u.key });
    expect(res.headers.get("x-ratelimit-limit")).toBe(env.RATE_LIMIT_PER_MINUTE);
  });
});

describe("idempotency records", () => {
  it("keep first responses encrypted at rest (a new API key is never stored in plain text)", async () => {
    const u = await newUser();
    const created = await call("POST", "/api/v1/api-keys", {
      key: u.key,
      body: { name: "ci" },
      headers: { "idempotency-key": "k1" },
    });
    const replay = await call("POST", "/api/v1/api-keys", {
      key: u.key,
      body: { name: "ci" },
      headers: { "idempotency-key": "k1" },
    });
    expect(replay.json.key).toBe(created.json.key);
    const stored = await env.DB.prepare("SELECT response_body FROM idempotency_keys WHERE user_id = ?")
      .bind(u.userId)
      .first<{ response_body: string }>();
    expect(stored!.response_body).not.toContain(created.json.key);
    expect(stored!.response_body).toMatch(/^v2\.[0-9a-f]{8}\./);
  });
});
