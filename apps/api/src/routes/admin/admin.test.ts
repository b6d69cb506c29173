import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, newUser } from "../../../test/helpers";
import worker from "../../index";

const ADMIN_TOKEN = `adm_${crypto.randomUUID()}${crypto.randomUUID()}`;

/** The Worker's entry point with the operator token set (or not), from one source address. */
async function admin(
  path: string,
  opts: {
    token?: string | null;
    body?: unknown;
    ip?: string;
    vars?: Record<string, string | undefined>;
  } = {},
) {
  const headers: Record<string, string> = { "cf-connecting-ip": opts.ip ?? "203.0.113.7" };
  if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? ADMIN_TOKEN}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://cadence.test${path}`, {
    method: "POST",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  }) as Request<unknown, IncomingRequestCfProperties>;
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env, ADMIN_TOKEN, ...opts.vars }, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

const usersNamed = async (email: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?")
    .bind(email)
    .first<{ n: number }>())!.n;

afterEach(() => vi.restoreAllMocks());

describe("POST /api/v1/admin/users", () => {
  it("creates a user and a first key that then works on tenant routes", async () => {
    const email = `${crypto.randomUUID()}@acme.test`;
    const res = await admin("/api/v1/admin/users", { body: { email, name: "Ada", key_name: "ci" } });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email, name: "Ada" });
    expect(res.json.api_key).toMatchObject({ name: "ci", key_prefix: res.json.api_key.key.slice(0, 12) });
    expect(res.json.api_key.key).toMatch(/^cad_[0-9A-Za-z]{40}$/);

    const me = await call("GET", "/api/v1/auth/me", { key: res.json.api_key.key });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user_id: res.json.user.user_id, email, name: "Ada" });
  });

  it("takes no body at all: a user without email or name", async () => {
    const res = await admin("/api/v1/admin/users");
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email: null, name: null });
    expect(res.json.api_key.name).toBe("default");
  });

  it("audits the creation in a structured log line that never carries the key", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    const res = await admin("/api/v1/admin/users", { body: { name: "Audited" }, ip: "198.51.100.23" });
    expect(res.status).toBe(201);
    const audit = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "admin.user_created");
    expect(audit).toMatchObject({
      level: "info",
      actor: "admin",
      source_ip: "198.51.100.23",
      user_id: res.json.user.user_id,
      api_key_id: res.json.api_key.id,
      key_prefix: res.json.api_key.key_prefix,
      request_id: res.headers.get("x-request-id"),
    });
    expect(lines.join("\n")).not.toContain(res.json.api_key.key);
    expect(lines.join("\n")).not.toContain(ADMIN_TOKEN);
  });

  it("refuses a request without the token, with a wrong token, and with a user's API key", async () => {
    const email = `${crypto.randomUUID()}@acme.test`;
    const user = await newUser();
    for (const token of [null, "wrong-token", `${ADMIN_TOKEN}x`, ADMIN_TOKEN.slice(0, -1), user.key]) {
      const res = await admin("/api/v1/admin/users", { token, body: { email }, ip: "192.0.2.10" });
      expect(res.status, String(token)).toBe(401);
      expect(res.json.detail).toBe("UNAUTHORIZED");
    }
    expect(await usersNamed(email)).toBe(0);
  });

  it("is disabled (403 ADMIN_DISABLED) when the deployment has no ADMIN_TOKEN", async () => {
    for (const token of [ADMIN_TOKEN, "", null]) {
      const res = await admin("/api/v1/admin/users", { token, vars: { ADMIN_TOKEN: undefined } });
      expect(res.status).toBe(403);
      expect(res.json.detail).toBe("ADMIN_DISABLED");
      expect(res.json.message).toContain("ADMIN_TOKEN");
    }
  });

  it("the operator token opens no tenant route", async () => {
    const res = await call("GET", "/api/v1/auth/me", { key: ADMIN_TOKEN });
    expect(res.status).toBe(401);
    const hooks = await call("GET", "/api/v1/webhooks/", { key: ADMIN_TOKEN });
    expect(hooks.status).toBe(401);
  });

  it("is rate-limited per source address, before the token is checked", async () => {
    const vars = { ADMIN_RATE_LIMIT_PER_MINUTE: "2" };
    const ip = `192.0.2.${1 + Math.floor(Math.random() * 250)}`;
    expect((await admin("/api/v1/admin/users", { ip, vars, token: "guess-1" })).status).toBe(401);
    const second = await admin("/api/v1/admin/users", { ip, vars });
    expect(second.status).toBe(201);
    expect(second.headers.get("x-ratelimit-remaining")).toBe("0");
    const third = await admin("/api/v1/admin/users", { ip, vars });
    expect(third.status).toBe(429);
    expect(third.json.detail).toBe("RATE_LIMITED");
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address has its own budget.
    expect((await admin("/api/v1/admin/users", { ip: "2001:db8::5", vars })).status).toBe(201);
  });

  it("validates the body with errors[].loc", async () => {
    const res = await admin("/api/v1/admin/users", { body: { email: "not-an-email" } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].loc).toEqual(["body", "email"]);
  });
});
