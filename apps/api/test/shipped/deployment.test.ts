import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { createUserWithKey } from "../../src/lib/api-keys";
import { getDb } from "../../src/lib/db";
import { LOCAL_DEV_SECRETS_KEY } from "../../src/lib/deployment";
import { type LinkPayload, signLinkToken } from "../../src/lib/link-tokens";

/**
 * The Worker exactly as `apps/api/wrangler.jsonc` ships it (this project overrides no variable): a
 * deployment made by following the README must refuse to run on development keys or without the
 * settings its links depend on. Secrets are added the way an operator adds them (`wrangler secret
 * put`), never as variables of the configuration.
 */

const BASE = "https://cadence.example.com";
const randomKey = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const GOOD = { SECRETS_KEY: randomKey(), LINK_SIGNING_KEY: randomKey(), PUBLIC_BASE_URL: BASE };

// The entry point's type wants an incoming request's `cf`; these never reach Cloudflare.
const request = (path: string, init: RequestInit = {}) =>
  new Request(`${BASE}${path}`, init) as Request<unknown, IncomingRequestCfProperties>;

async function fetchWith(
  secrets: Partial<typeof GOOD> & Record<string, string | undefined>,
  path = "/",
  init: RequestInit = {},
) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request(path, init), { ...env, ...secrets }, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: text.startsWith("{") ? JSON.parse(text) : null,
  };
}

describe("the shipped configuration", () => {
  it("is not local mode, and sets no secret", () => {
    expect(env.ENVIRONMENT).not.toBe("local");
    expect(env.SECRETS_KEY).toBeUndefined();
    expect(env.LINK_SIGNING_KEY).toBeUndefined();
  });

  it("answers every request 500 naming each missing setting", async () => {
    for (const path of ["/", "/api/v1/campaigns/", "/u/anything", "/openapi.json", "/api/v1/admin/users"]) {
      const res = await exports.default.fetch(request(path));
      expect(res.status).toBe(500);
      const body = (await res.json()) as { detail: string; message: string; request_id: string };
      expect(body.detail).toBe("DEPLOYMENT_MISCONFIGURED");
      for (const name of ["SECRETS_KEY", "LINK_SIGNING_KEY", "PUBLIC_BASE_URL"])
        expect(body.message).toContain(name);
      expect(res.headers.get("x-request-id")).toBe(body.request_id);
    }
  });

  it("answers /healthz 503 without naming any setting, and 200 once every setting is usable", async () => {
    const res = await exports.default.fetch(request("/healthz"));
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      status: "unavailable",
      checks: { configuration: "misconfigured", database: "ok" },
    });
    for (const name of ["SECRETS_KEY", "LINK_SIGNING_KEY", "PUBLIC_BASE_URL"])
      expect(text).not.toContain(name);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const ready = await fetchWith(GOOD, "/healthz");
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: "ok", checks: { configuration: "ok", database: "ok" } });
  });

  it("names exactly the one setting that is missing", async () => {
    for (const missing of ["SECRETS_KEY", "LINK_SIGNING_KEY", "PUBLIC_BASE_URL"] as const) {
      const res = await fetchWith({ ...GOOD, [missing]: undefined });
      expect(res.status).toBe(500);
      expect(res.json.message).toContain(missing);
      const others = ["SECRETS_KEY", "LINK_SIGNING_KEY", "PUBLIC_BASE_URL"].filter((n) => n !== missing);
      for (const name of others) expect(res.json.message).not.toMatch(new RegExp(`(^|; )${name} `));
    }
  });

  it("refuses the development secrets key, weak keys and a plain-http base URL", async () => {
    const cases: [Partial<typeof GOOD>, string][] = [
      [{ SECRETS_KEY: LOCAL_DEV_SECRETS_KEY }, "SECRETS_KEY is the development key"],
      [{ SECRETS_KEY: btoa("a".repeat(32)) }, "SECRETS_KEY is not random enough"],
      [{ SECRETS_KEY: "dG9vLXNob3J0" }, "SECRETS_KEY must be 32 random bytes"],
      [{ LINK_SIGNING_KEY: "short-key" }, "LINK_SIGNING_KEY is too weak"],
      [{ LINK_SIGNING_KEY: "0".repeat(64) }, "LINK_SIGNING_KEY is too weak"],
      [{ LINK_SIGNING_KEY: LOCAL_DEV_SECRETS_KEY }, "LINK_SIGNING_KEY must be its own key"],
      [{ LINK_SIGNING_KEY: GOOD.SECRETS_KEY }, "LINK_SIGNING_KEY must be its own key"],
      [{ PUBLIC_BASE_URL: "http://cadence.example.com" }, "PUBLIC_BASE_URL must use https"],
      [{ PUBLIC_BASE_URL: "https://cadence.example.com/app" }, "PUBLIC_BASE_URL must be an origin only"],
    ];
    for (const [override, message] of cases) {
      const res = await fetchWith({ ...GOOD, ...override });
      expect(res.status, message).toBe(500);
      expect(res.json.detail).toBe("DEPLOYMENT_MISCONFIGURED");
      expect(res.json.message).toContain(message);
    }
  });

  it("refuses a weak operator token and an unusable previous secrets key, and serves without either", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ ADMIN_TOKEN: "admin" }, "ADMIN_TOKEN is too weak"],
      [{ ADMIN_TOKEN: "a".repeat(64) }, "ADMIN_TOKEN is too weak"],
      [{ ADMIN_TOKEN: GOOD.SECRETS_KEY }, "ADMIN_TOKEN must be its own secret"],
      [{ SECRETS_KEY_PREVIOUS: "not-a-key" }, "SECRETS_KEY_PREVIOUS: key 1 of 1"],
      [{ SECRETS_KEY_PREVIOUS: `${randomKey()},dG9vLXNob3J0` }, "SECRETS_KEY_PREVIOUS: key 2 of 2"],
    ];
    for (const [override, message] of cases) {
      const res = await fetchWith({ ...GOOD, ...override });
      expect(res.status, message).toBe(500);
      expect(res.json.message).toContain(message);
    }
    const ok = await fetchWith({ ...GOOD, ADMIN_TOKEN: randomKey(), SECRETS_KEY_PREVIOUS: randomKey() });
    expect(ok.status).toBe(200);
  });

  it("serves once every setting is usable", async () => {
    const res = await fetchWith(GOOD);
    expect(res.status).toBe(200);
    expect(res.json.name).toBe("cadence");
  });

  it("rejects link tokens forged with the development key, and accepts its own", async () => {
    const payload: LinkPayload = { k: "c", c: crypto.randomUUID(), r: 1, s: 1, url: "https://evil.example/" };
    // What anyone can compute from this repository: the key a local deployment derives its link key from.
    const forged = await signLinkToken(
      { ...env, ENVIRONMENT: "local", SECRETS_KEY: undefined, LINK_SIGNING_KEY: undefined },
      payload,
    );
    const click = await fetchWith(GOOD, `/c/${forged}`);
    expect(click.status).toBe(400);
    expect(click.headers.get("location")).toBeNull();
    const unsubscribe = await fetchWith(
      GOOD,
      `/u/${await signLinkToken({ ...env, ENVIRONMENT: "local" }, { ...payload, k: "u" })}`,
      {
        method: "POST",
      },
    );
    expect(unsubscribe.status).toBe(400);

    const own = await signLinkToken({ ...env, ...GOOD }, { ...payload, k: "u" });
    expect((await fetchWith(GOOD, `/u/${own}`)).status).toBe(200);
  });

  it("refuses plain-http webhook URLs, even on loopback", async () => {
    const user = await createUserWithKey(getDb(env.DB), { email: `${crypto.randomUUID()}@example.test` });
    for (const url of ["http://127.0.0.1:9999/hook", "http://hooks.example.com/x"]) {
      const res = await fetchWith(GOOD, "/api/v1/webhooks/", {
        method: "POST",
        headers: { authorization: `Bearer ${user.key}`, "content-type": "application/json" },
        body: JSON.stringify({ url, events: ["*"] }),
      });
      expect(res.status).toBe(422);
      expect(res.json.errors[0].loc).toEqual(["body", "url"]);
    }
  });

  it("refuses a malformed INBOUND_DOMAIN or INBOUND_CATCH_ALL, and inbound mail while misconfigured", async () => {
    for (const [name, value] of [
      ["INBOUND_DOMAIN", "not a domain"],
      ["INBOUND_CATCH_ALL", "ops at example.com"],
    ] as const) {
      const res = await fetchWith({ ...GOOD, [name]: value } as Partial<typeof GOOD>);
      expect(res.status).toBe(500);
      expect(res.json.message).toContain(name);
    }
    expect(
      (await fetchWith({ ...GOOD, INBOUND_DOMAIN: "inbound.example.com" } as Partial<typeof GOOD>)).status,
    ).not.toBe(500);
    // email() refuses to take responsibility for a message it could not handle safely: the sending
    // server gets a temporary failure and retries.
    const bytes = new TextEncoder().encode("From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n");
    const message = {
      from: "a@example.org",
      to: "r+abc@inbound.example.com",
      headers: new Headers(),
      rawSize: bytes.length,
      raw: new Response(bytes).body!,
      setReject: () => {},
      forward: async () => ({ messageId: "x" }),
      reply: async () => ({ messageId: "y" }),
    } as unknown as ForwardableEmailMessage;
    await expect(worker.email!(message, env)).rejects.toThrow(/deployment misconfigured/);
  });
});
