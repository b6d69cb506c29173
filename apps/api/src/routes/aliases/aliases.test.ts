import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { emailProvider, expectNoSecrets, seedCampaignUsing, smtpPeer } from "../../../test/delivery-fixtures";
import { BASE, call, newUser } from "../../../test/helpers";
import { createApp } from "../../app";
import worker from "../../index";
import { decryptSecret } from "../../lib/secrets";

const FIELDS = [
  "alias_id",
  "created_at",
  "daily_limit",
  "display_name",
  "email",
  "forward_to",
  "transport",
  "updated_at",
];

const smtpTransport = (overrides: Record<string, unknown> = {}) => ({
  kind: "smtp",
  host: smtpPeer.host,
  port: smtpPeer.port,
  security: "plain",
  username: smtpPeer.username,
  password: smtpPeer.password,
  ...overrides,
});
const httpTransport = (overrides: Record<string, unknown> = {}) => ({
  kind: "http",
  base_url: emailProvider.url,
  api_key: emailProvider.apiKey,
  ...overrides,
});

const create = (key: string, body: unknown) => call("POST", "/api/v1/aliases/", { key, body });
const storedRow = (id: string) =>
  env.DB.prepare("SELECT transport, transport_secret FROM aliases WHERE id = ?")
    .bind(id)
    .first<{ transport: string; transport_secret: string | null }>();

describe("aliases: happy path", () => {
  it("creates a capture alias by default", async () => {
    const u = await newUser();
    const res = await create(u.key, { email: "sam@acme.test" });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(FIELDS);
    expect(res.json).toMatchObject({
      email: "sam@acme.test",
      display_name: null,
      daily_limit: 50,
      transport: { kind: "capture" },
      forward_to: null,
    });
    expect(res.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("creates an SMTP alias: the password is stored encrypted and shown only as has_password", async () => {
    const u = await newUser();
    const res = await create(u.key, {
      email: "sam@acme.test",
      display_name: "Sam Sender",
      daily_limit: 10_000,
      transport: smtpTransport(),
    });
    expect(res.status).toBe(201);
    expect(res.json.transport).toEqual({
      kind: "smtp",
      host: smtpPeer.host,
      port: smtpPeer.port,
      security: "plain",
      secure: false,
      username: smtpPeer.username,
      has_password: true,
    });
    const row = await storedRow(res.json.alias_id);
    expect(row!.transport).not.toContain(smtpPeer.password);
    expect(JSON.parse(row!.transport)).toEqual({
      kind: "smtp",
      host: smtpPeer.host,
      port: smtpPeer.port,
      security: "plain",
      username: smtpPeer.username,
    });
    expect(row!.transport_secret).toMatch(/^v2\.[0-9a-f]{8}\./);
    expect(await decryptSecret(env, row!.transport_secret!)).toBe(smtpPeer.password);
  });

  it("derives security from `secure` and the port; an SMTP relay without AUTH needs no password", async () => {
    const u = await newUser();
    const security = async (t: Record<string, unknown>) =>
      (
        await create(u.key, {
          email: "a@acme.test",
          transport: { kind: "smtp", host: "smtp.acme.test", ...t },
        })
      ).json.transport;
    expect(await security({ port: 25, secure: true })).toMatchObject({ security: "tls", secure: true });
    expect(await security({ port: 25, secure: false })).toMatchObject({ security: "plain", secure: false });
    expect(await security({ port: 465 })).toMatchObject({ security: "tls" });
    expect(await security({ port: 587 })).toMatchObject({ security: "starttls", secure: false });
    expect(await security({ port: 587, security: "tls", secure: true })).toMatchObject({ security: "tls" });
    expect(await security({ port: 25 })).toMatchObject({ username: null, has_password: false });
  });

  it("creates an HTTP alias with Resend's base URL by default", async () => {
    const u = await newUser();
    const res = await create(u.key, {
      email: "sam@acme.test",
      transport: { kind: "http", api_key: "re_123456789" },
    });
    expect(res.status).toBe(201);
    expect(res.json.transport).toEqual({
      kind: "http",
      provider: "resend",
      base_url: "https://api.resend.com",
      has_api_key: true,
    });
    const trimmed = await create(u.key, {
      email: "b@acme.test",
      transport: httpTransport({ base_url: `${emailProvider.url}/` }),
    });
    expect(trimmed.json.transport.base_url).toBe(emailProvider.url);
  });

  it("gets, lists with pagination (with and without the trailing slash) and deletes", async () => {
    const u = await newUser();
    const a = (await create(u.key, { email: "a@acme.test" })).json;
    const b = (await create(u.key, { email: "b@acme.test", transport: smtpTransport() })).json;
    expect((await call("GET", `/api/v1/aliases/${a.alias_id}`, { key: u.key })).json).toEqual(a);
    const all = await call("GET", "/api/v1/aliases/", { key: u.key });
    expect(all.json).toMatchObject({ total: 2, offset: 0, limit: 50 });
    expect(all.json.items.map((x: any) => x.alias_id)).toEqual([b.alias_id, a.alias_id]);
    const page = await call("GET", "/api/v1/aliases?limit=1&offset=1", { key: u.key });
    expect(page.json).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(page.json.items.map((x: any) => x.alias_id)).toEqual([a.alias_id]);
    expect((await call("GET", "/api/v1/aliases/?limit=201", { key: u.key })).status).toBe(422);

    expect((await call("DELETE", `/api/v1/aliases/${a.alias_id}`, { key: u.key })).status).toBe(204);
    expect((await call("GET", `/api/v1/aliases/${a.alias_id}`, { key: u.key })).status).toBe(404);
    expect((await call("DELETE", `/api/v1/aliases/${a.alias_id}`, { key: u.key })).status).toBe(404);
  });

  it("PATCH: omitted fields stay, null clears display_name, a transport without its secret keeps it", async () => {
    const u = await newUser();
    const a = (await create(u.key, { email: "a@acme.test", display_name: "Sam", transport: smtpTransport() }))
      .json;
    const patched = await call("PATCH", `/api/v1/aliases/${a.alias_id}`, {
      key: u.key,
      body: { daily_limit: 1, display_name: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ email: "a@acme.test", daily_limit: 1, display_name: null });
    expect(patched.json.transport).toEqual(a.transport);

    const { password: _, ...withoutPassword } = smtpTransport({ host: "localhost" });
    const moved = await call("PATCH", `/api/v1/aliases/${a.alias_id}`, {
      key: u.key,
      body: { transport: withoutPassword },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.transport).toMatchObject({ host: "localhost", has_password: true });
    expect(await decryptSecret(env, (await storedRow(a.alias_id))!.transport_secret!)).toBe(
      smtpPeer.password,
    );

    // A new password replaces the stored one.
    await call("PATCH", `/api/v1/aliases/${a.alias_id}`, {
      key: u.key,
      body: { transport: smtpTransport({ password: "rotated-pw" }) },
    });
    expect(await decryptSecret(env, (await storedRow(a.alias_id))!.transport_secret!)).toBe("rotated-pw");

    // Another kind does not inherit the secret: an HTTP transport needs its own key.
    const { api_key: __, ...httpWithoutKey } = httpTransport();
    const switched = await call("PATCH", `/api/v1/aliases/${a.alias_id}`, {
      key: u.key,
      body: { transport: httpWithoutKey },
    });
    expect(switched.status).toBe(422);
    expect(switched.json.errors[0].loc).toEqual(["body", "transport", "api_key"]);

    const toCapture = await call("PATCH", `/api/v1/aliases/${a.alias_id}`, {
      key: u.key,
      body: { transport: { kind: "capture" } },
    });
    expect(toCapture.json.transport).toEqual({ kind: "capture" });
    expect((await storedRow(a.alias_id))!.transport_secret).toBeNull();
    // Back to SMTP with a username: the old password is gone, so one is required.
    const back = await call("PATCH", `/api/v1/aliases/${a.alias_id}`, {
      key: u.key,
      body: { transport: withoutPassword },
    });
    expect(back.status).toBe(422);
    expect(back.json.errors[0].loc).toEqual(["body", "transport", "password"]);
  });
});

describe("aliases: forward_to (where replies that reach Cadence are forwarded)", () => {
  it("is set on create, kept by an unrelated PATCH, changed, cleared with null, and validated", async () => {
    const u = await newUser();
    const a = await create(u.key, { email: "sam@acme.test", forward_to: "Sam.Inbox@Acme.test" });
    expect(a.status).toBe(201);
    expect(a.json.forward_to).toBe("sam.inbox@acme.test");
    const path = `/api/v1/aliases/${a.json.alias_id}`;
    expect((await call("PATCH", path, { key: u.key, body: { daily_limit: 7 } })).json.forward_to).toBe(
      "sam.inbox@acme.test",
    );
    expect(
      (await call("PATCH", path, { key: u.key, body: { forward_to: "desk@acme.test" } })).json.forward_to,
    ).toBe("desk@acme.test");
    expect((await call("GET", path, { key: u.key })).json.forward_to).toBe("desk@acme.test");
    expect(
      (await call("PATCH", path, { key: u.key, body: { forward_to: null } })).json.forward_to,
    ).toBeNull();
    const bad = await call("PATCH", path, { key: u.key, body: { forward_to: "not an address" } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].loc).toEqual(["body", "forward_to"]);
    expect((await create(u.key, { email: "x@acme.test", forward_to: "nope" })).status).toBe(422);
  });
});

describe("aliases: validation", () => {
  const cases: [string, Record<string, unknown>, (string | number)[]][] = [
    ["an invalid email", { email: "not-an-email" }, ["body", "email"]],
    ["a missing email", {}, ["body", "email"]],
    ["daily_limit 0", { email: "a@acme.test", daily_limit: 0 }, ["body", "daily_limit"]],
    ["daily_limit 10001", { email: "a@acme.test", daily_limit: 10_001 }, ["body", "daily_limit"]],
    ["a fractional daily_limit", { email: "a@acme.test", daily_limit: 1.5 }, ["body", "daily_limit"]],
    [
      "port 0",
      { email: "a@acme.test", transport: smtpTransport({ port: 0 }) },
      ["body", "transport", "port"],
    ],
    [
      "port 65536",
      { email: "a@acme.test", transport: smtpTransport({ port: 65_536 }) },
      ["body", "transport", "port"],
    ],
    [
      "port as a string",
      { email: "a@acme.test", transport: smtpTransport({ port: "25" }) },
      ["body", "transport", "port"],
    ],
    [
      "an unknown kind",
      { email: "a@acme.test", transport: { kind: "carrier-pigeon" } },
      ["body", "transport", "kind"],
    ],
    [
      "a host with a space",
      { email: "a@acme.test", transport: smtpTransport({ host: "smtp acme" }) },
      ["body", "transport", "host"],
    ],
    [
      "an unknown security",
      { email: "a@acme.test", transport: smtpTransport({ security: "ssl" }) },
      ["body", "transport", "security"],
    ],
    [
      "secure contradicting security",
      { email: "a@acme.test", transport: smtpTransport({ security: "plain", secure: true }) },
      ["body", "transport", "secure"],
    ],
    [
      "an SMTP username without a password",
      { email: "a@acme.test", transport: smtpTransport({ password: undefined }) },
      ["body", "transport", "password"],
    ],
    [
      "an SMTP password without a username",
      { email: "a@acme.test", transport: smtpTransport({ username: undefined }) },
      ["body", "transport", "username"],
    ],
    [
      "an HTTP transport without an API key",
      { email: "a@acme.test", transport: httpTransport({ api_key: undefined }) },
      ["body", "transport", "api_key"],
    ],
    [
      "a base_url that is not http(s)",
      { email: "a@acme.test", transport: httpTransport({ base_url: "ftp://mail.acme.test" }) },
      ["body", "transport", "base_url"],
    ],
    [
      "an unknown field",
      { email: "a@acme.test", transport: smtpTransport({ pasword: "x" }) },
      ["body", "transport"],
    ],
  ];
  for (const [name, body, loc] of cases) {
    it(`${name} is 422 at ${loc.join(".")}`, async () => {
      const u = await newUser();
      const res = await create(u.key, body);
      expect(res.status).toBe(422);
      expect(res.json.detail).toBe("VALIDATION_ERROR");
      expect(res.json.errors.map((e: any) => e.loc)).toContainEqual(loc);
      expect((await call("GET", "/api/v1/aliases/", { key: u.key })).json.total).toBe(0);
    });
  }

  it("daily_limit 1 and 10000 are accepted", async () => {
    const u = await newUser();
    expect((await create(u.key, { email: "a@acme.test", daily_limit: 1 })).status).toBe(201);
    expect((await create(u.key, { email: "a@acme.test", daily_limit: 10_000 })).status).toBe(201);
  });

  it("PATCH validates like create; an empty PATCH changes nothing", async () => {
    const u = await newUser();
    const a = (await create(u.key, { email: "a@acme.test" })).json;
    const bad = await call("PATCH", `/api/v1/aliases/${a.alias_id}`, {
      key: u.key,
      body: { daily_limit: 0 },
    });
    expect(bad.status).toBe(422);
    const email = await call("PATCH", `/api/v1/aliases/${a.alias_id}`, { key: u.key, body: { email: "x" } });
    expect(email.json.errors[0].loc).toEqual(["body", "email"]);
    const same = await call("PATCH", `/api/v1/aliases/${a.alias_id}`, { key: u.key, body: {} });
    expect(same.status).toBe(200);
    expect(same.json).toMatchObject({ email: a.email, daily_limit: a.daily_limit, transport: a.transport });
  });

  it("malformed JSON is 400, another Content-Type 415, a bad id 422, no key 401", async () => {
    const u = await newUser();
    const raw = await call("POST", "/api/v1/aliases/", {
      key: u.key,
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(raw.status).toBe(400);
    const text = await call("POST", "/api/v1/aliases/", {
      key: u.key,
      rawBody: "email=a",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
    expect((await call("GET", "/api/v1/aliases/not-a-uuid", { key: u.key })).status).toBe(422);
    expect((await call("GET", "/api/v1/aliases/")).status).toBe(401);
  });
});

describe("aliases: isolation and conflicts", () => {
  it("another user's alias is 404 for every operation", async () => {
    const owner = await newUser();
    const other = await newUser();
    const a = (await create(owner.key, { email: "a@acme.test", transport: smtpTransport() })).json;
    const path = `/api/v1/aliases/${a.alias_id}`;
    expect((await call("GET", path, { key: other.key })).status).toBe(404);
    expect((await call("PATCH", path, { key: other.key, body: { daily_limit: 2 } })).status).toBe(404);
    expect((await call("POST", `${path}/verify`, { key: other.key })).status).toBe(404);
    expect((await call("DELETE", path, { key: other.key })).status).toBe(404);
    expect((await call("GET", "/api/v1/aliases/", { key: other.key })).json.total).toBe(0);
    expect((await call("GET", path, { key: owner.key })).json.daily_limit).toBe(50);
  });

  for (const status of ["launching", "scheduled", "active", "draining", "paused"]) {
    it(`DELETE is 409 RESOURCE_IN_USE while a ${status} campaign sends from it`, async () => {
      const u = await newUser();
      const a = (await create(u.key, { email: "a@acme.test" })).json;
      const other = (await create(u.key, { email: "b@acme.test" })).json;
      const campaignId = await seedCampaignUsing(u.userId, {
        status,
        aliasIds: [other.alias_id, a.alias_id],
      });
      const res = await call("DELETE", `/api/v1/aliases/${a.alias_id}`, { key: u.key });
      expect(res.status).toBe(409);
      expect(res.json.detail).toBe("RESOURCE_IN_USE");
      expect(res.json.message).toContain(campaignId);
      expect((await call("GET", `/api/v1/aliases/${a.alias_id}`, { key: u.key })).status).toBe(200);
    });
  }

  it("draft, completed and failed campaigns, and other users' campaigns, do not hold an alias", async () => {
    const u = await newUser();
    const a = (await create(u.key, { email: "a@acme.test" })).json;
    for (const status of ["draft", "completed", "failed"]) {
      await seedCampaignUsing(u.userId, { status, aliasIds: [a.alias_id] });
    }
    const stranger = await newUser();
    await seedCampaignUsing(stranger.userId, { status: "active", aliasIds: [a.alias_id] });
    expect((await call("DELETE", `/api/v1/aliases/${a.alias_id}`, { key: u.key })).status).toBe(204);
  });
});

describe("aliases: secrets never leave", () => {
  it("no response of any operation carries a password, an API key or ciphertext", async () => {
    const u = await newUser();
    const password = `pw-${crypto.randomUUID()}`;
    const apiKey = `re_${crypto.randomUUID()}`;
    const rotated = `pw2-${crypto.randomUUID()}`;
    const secrets = [password, apiKey, rotated];
    const texts: string[] = [];
    const s = await create(u.key, { email: "s@acme.test", transport: smtpTransport({ password }) });
    const h = await create(u.key, { email: "h@acme.test", transport: httpTransport({ api_key: apiKey }) });
    texts.push(s.text, h.text);
    for (const id of [s.json.alias_id, h.json.alias_id]) {
      texts.push((await call("GET", `/api/v1/aliases/${id}`, { key: u.key })).text);
      texts.push(
        (await call("PATCH", `/api/v1/aliases/${id}`, { key: u.key, body: { daily_limit: 7 } })).text,
      );
      texts.push((await call("POST", `/api/v1/aliases/${id}/verify`, { key: u.key })).text);
    }
    texts.push(
      (
        await call("PATCH", `/api/v1/aliases/${s.json.alias_id}`, {
          key: u.key,
          body: { transport: smtpTransport({ password: rotated }) },
        })
      ).text,
    );
    texts.push(
      (
        await call("PATCH", `/api/v1/aliases/${h.json.alias_id}`, {
          key: u.key,
          body: { transport: httpTransport() },
        })
      ).text,
    );
    // A failed validation must not echo the secret either.
    texts.push((await create(u.key, { email: "bad", transport: smtpTransport({ password }) })).text);
    texts.push((await call("GET", "/api/v1/aliases/", { key: u.key })).text);
    texts.push((await call("GET", "/api/v1/aliases?limit=1", { key: u.key })).text);
    texts.push((await call("GET", "/openapi.json")).text);
    expect(texts).toHaveLength(14);
    for (const text of texts) expectNoSecrets(text, secrets);
  });
});

describe("aliases: verify", () => {
  const verify = (key: string, id: string) => call("POST", `/api/v1/aliases/${id}/verify`, { key });

  it("SMTP: ok against the real server", async () => {
    const u = await newUser();
    const a = (await create(u.key, { email: "a@acme.test", transport: smtpTransport() })).json;
    const res = await verify(u.key, a.alias_id);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });

  it("SMTP: a rejected login returns the server's own text", async () => {
    const u = await newUser();
    const a = (await create(u.key, { email: "a@acme.test", transport: smtpTransport({ password: "wrong" }) }))
      .json;
    const res = await verify(u.key, a.alias_id);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: false, error: "535 Error: Invalid username or password (peer)" });
  });

  it("SMTP: a closed port and a missing STARTTLS are reported, not thrown", async () => {
    const u = await newUser();
    const closed = (await create(u.key, { email: "a@acme.test", transport: smtpTransport({ port: 1 }) }))
      .json;
    const res = await verify(u.key, closed.alias_id);
    expect(res.json.ok).toBe(false);
    expect(res.json.error).toMatch(/^Connection failed \(connect\)/);
    const tls = (
      await create(u.key, { email: "b@acme.test", transport: smtpTransport({ security: "starttls" }) })
    ).json;
    expect((await verify(u.key, tls.alias_id)).json).toEqual({
      ok: false,
      error: "The server does not offer STARTTLS; refusing to continue in plain text",
    });
  });

  it("HTTP: checks the key with the provider; capture is always ok", async () => {
    const u = await newUser();
    const good = (await create(u.key, { email: "a@acme.test", transport: httpTransport() })).json;
    expect((await verify(u.key, good.alias_id)).json).toEqual({ ok: true });
    const sendOnly = (
      await create(u.key, {
        email: "b@acme.test",
        transport: httpTransport({ api_key: emailProvider.sendOnlyApiKey }),
      })
    ).json;
    expect((await verify(u.key, sendOnly.alias_id)).json).toEqual({ ok: true });
    const wrong = (
      await create(u.key, { email: "c@acme.test", transport: httpTransport({ api_key: "re_x" }) })
    ).json;
    expect((await verify(u.key, wrong.alias_id)).json).toEqual({
      ok: false,
      error: "401: API key is invalid",
    });
    const capture = (await create(u.key, { email: "d@acme.test" })).json;
    expect((await verify(u.key, capture.alias_id)).json).toEqual({ ok: true });
  });
});

describe("SECRETS_KEY outside local development", () => {
  // The entry point's type wants an incoming request's `cf`; these never reach Cloudflare.
  const request = (path: string, init: RequestInit = {}) =>
    new Request(`${BASE}${path}`, init) as Request<unknown, IncomingRequestCfProperties>;

  it("the Worker refuses every request with a 500 naming SECRETS_KEY when it is missing or unusable", async () => {
    for (const SECRETS_KEY of [undefined, "", "dG9vLXNob3J0"]) {
      const ctx = createExecutionContext();
      const res = await worker.fetch(request("/"), { ...env, ENVIRONMENT: "production", SECRETS_KEY }, ctx);
      await waitOnExecutionContext(ctx);
      expect(res.status).toBe(500);
      const body = (await res.json()) as any;
      expect(body.detail).toBe("DEPLOYMENT_MISCONFIGURED");
      expect(body.message).toContain("SECRETS_KEY");
      expect(res.headers.get("x-request-id")).toBe(body.request_id);
    }
  });

  it("a route that needs the key answers 500 naming SECRETS_KEY (start-up check bypassed)", async () => {
    const u = await newUser();
    const app = createApp();
    const res = await app.fetch(
      request("/api/v1/aliases/", {
        method: "POST",
        headers: { authorization: `Bearer ${u.key}`, "content-type": "application/json" },
        // A public host: a deployment refuses the loopback peer before it needs the key.
        body: JSON.stringify({ email: "a@acme.test", transport: smtpTransport({ host: "smtp.acme.com" }) }),
      }),
      { ...env, ENVIRONMENT: "production", SECRETS_KEY: undefined },
      createExecutionContext(),
    );
    expect(res.status).toBe(500);
    expect(((await res.json()) as any).message).toMatch(/^SECRETS_KEY is not set/);
    expect((await call("GET", "/api/v1/aliases/", { key: u.key })).json.total).toBe(0);
  });

  it("with a key set, a deployment encrypts with it and refuses plain-http provider URLs and port 25", async () => {
    const u = await newUser();
    const SECRETS_KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    const deployed = {
      ...env,
      ENVIRONMENT: "production",
      SECRETS_KEY,
      LINK_SIGNING_KEY: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))),
      PUBLIC_BASE_URL: "https://cadence.example.com",
    };
    const post = async (body: unknown) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        request("/api/v1/aliases/", {
          method: "POST",
          headers: { authorization: `Bearer ${u.key}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        deployed,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return { status: res.status, json: (await res.json()) as any };
    };
    const port25 = await post({
      email: "a@acme.test",
      transport: smtpTransport({ host: "mx.acme.test", port: 25 }),
    });
    expect(port25.status).toBe(422);
    expect(port25.json.errors[0].loc).toEqual(["body", "transport", "port"]);
    const plain = await post({ email: "a@acme.test", transport: httpTransport() });
    expect(plain.status).toBe(422);
    expect(plain.json.errors[0].loc).toEqual(["body", "transport", "base_url"]);
    const tls = await post({
      email: "a@acme.test",
      transport: httpTransport({ base_url: "https://api.resend.com" }),
    });
    expect(tls.status).toBe(201);
    const secret = (await storedRow(tls.json.alias_id))!.transport_secret!;
    expect(await decryptSecret(deployed, secret)).toBe(emailProvider.apiKey);
    // The local development key cannot read it.
    await expect(decryptSecret(env, secret)).rejects.toThrow();
  });
});
