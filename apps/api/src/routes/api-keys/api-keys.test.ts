import { describe, expect, it } from "vitest";
import { call, newUser } from "../../../test/helpers";

describe("auth", () => {
  it("GET /auth/me returns the key's user", async () => {
    const u = await newUser();
    const res = await call("GET", "/api/v1/auth/me", { key: u.key });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ user_id: u.userId });
    expect(res.headers.get("x-request-id")).toMatch(/.+/);
  });

  it("echoes a safe X-Request-Id and replaces an unsafe one", async () => {
    const u = await newUser();
    const mine = await call("GET", "/api/v1/auth/me", { key: u.key, headers: { "x-request-id": "req-123" } });
    expect(mine.headers.get("x-request-id")).toBe("req-123");
    const unsafe = await call("GET", "/api/v1/auth/me", {
      key: u.key,
      headers: { "x-request-id": "a b<c>" },
    });
    expect(unsafe.headers.get("x-request-id")).not.toBe("a b<c>");
  });

  const failures: [string, Record<string, string>][] = [
    ["missing", {}],
    ["malformed scheme", { authorization: "Basic abc" }],
    ["malformed token", { authorization: "Bearer" }],
    ["unknown key", { authorization: "Bearer cad_doesnotexistdoesnotexist" }],
  ];
  for (const [name, headers] of failures) {
    it(`a ${name} key is 401 with the error envelope`, async () => {
      const res = await call("GET", "/api/v1/campaigns/", { headers });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ detail: "UNAUTHORIZED" });
      expect(res.json.request_id).toBe(res.headers.get("x-request-id"));
      expect(res.text).not.toMatch(/at .*\.ts/);
    });
  }

  it("an unknown route is a 404 envelope", async () => {
    const res = await call("GET", "/nope");
    expect(res.status).toBe(404);
    expect(res.json.detail).toBe("NOT_FOUND");
  });
});

describe("api keys", () => {
  it("creates a key shown once, lists it without the secret, and revokes it", async () => {
    const u = await newUser();
    const created = await call("POST", "/api/v1/api-keys", { key: u.key, body: { name: "ci" } });
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^cad_[0-9A-Za-z]{40}$/);
    expect(created.json.key.startsWith(created.json.key_prefix)).toBe(true);

    const list = await call("GET", "/api/v1/api-keys", { key: created.json.key });
    expect(list.status).toBe(200);
    expect(list.json.count).toBe(2);
    expect(list.json.keys.map((k: any) => k.name).sort()).toEqual(["ci", "default"]);
    expect(list.text).not.toContain(created.json.key);
    for (const k of list.json.keys)
      expect(Object.keys(k).sort()).toEqual(["created_at", "id", "key_prefix", "last_used_at", "name"]);

    const revoked = await call("DELETE", `/api/v1/api-keys/${created.json.id}`, { key: u.key });
    expect(revoked.status).toBe(204);
    const after = await call("GET", "/api/v1/auth/me", { key: created.json.key });
    expect(after.status).toBe(401);
    expect((await call("GET", "/api/v1/api-keys", { key: u.key })).json.count).toBe(1);
  });

  it("POST without a body uses the default name", async () => {
    const u = await newUser();
    const created = await call("POST", "/api/v1/api-keys", { key: u.key });
    expect(created.status).toBe(201);
    expect(created.json.name).toBe("default");
  });

  it("cannot revoke another user's key", async () => {
    const a = await newUser();
    const b = await newUser();
    const res = await call("DELETE", `/api/v1/api-keys/${a.keyId}`, { key: b.key });
    expect(res.status).toBe(404);
    expect((await call("GET", "/api/v1/auth/me", { key: a.key })).status).toBe(200);
  });
});
