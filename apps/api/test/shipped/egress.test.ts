import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { createUserWithKey } from "../../src/lib/api-keys";
import { getDb } from "../../src/lib/db";

/**
 * The egress policy as a deployment applies it: the Worker as wrangler.jsonc ships it, with its
 * secrets set, refuses every tenant-configured destination that names a loopback, private,
 * link-local or metadata host, whatever the spelling, with a 422 naming the field.
 */

const randomKey = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const deployed = {
  ...env,
  SECRETS_KEY: randomKey(),
  LINK_SIGNING_KEY: randomKey(),
  PUBLIC_BASE_URL: "https://cadence.example.com",
};

let key = "";
beforeAll(async () => {
  key = (await createUserWithKey(getDb(env.DB), { email: `${crypto.randomUUID()}@example.test` })).key;
});

async function post(path: string, body: unknown) {
  const ctx = createExecutionContext();
  const request = new Request(`https://cadence.example.com${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }) as Request<unknown, IncomingRequestCfProperties>;
  const res = await worker.fetch(request, deployed, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, json: (await res.json()) as any };
}

// Every spelling of a host a deployment must not reach that a URL can carry.
const BYPASSES = [
  "127.0.0.1",
  "127.1",
  "0x7f000001",
  "2130706433",
  "0177.0.0.1",
  "[::1]",
  "[::ffff:127.0.0.1]",
  "169.254.169.254",
  "metadata.google.internal",
  "10.0.0.8",
  "172.20.1.1",
  "192.168.0.10",
  "100.64.1.1",
  "[fd12:3456::1]",
  "[fe80::1]",
  "0.0.0.0",
  "localhost",
  "localhost.",
  "api.localhost",
  "nas.local",
  "db.internal",
];

function expectRefused(res: { status: number; json: any }, loc: (string | number)[], what: string) {
  expect(res.status, what).toBe(422);
  expect(res.json.detail, what).toBe("VALIDATION_ERROR");
  expect(res.json.errors[0].loc, what).toEqual(loc);
  expect(res.json.errors[0].type, what).toBe("egress");
  expect(res.json.errors[0].msg, what).toMatch(/^must be a public host: /);
}

describe("egress policy of a deployment", () => {
  it("refuses webhook URLs to private hosts", async () => {
    for (const host of BYPASSES) {
      const res = await post("/api/v1/webhooks/", { url: `https://${host}/hook`, events: ["*"] });
      expectRefused(res, ["body", "url"], host);
    }
  });

  it("refuses HTTP email provider base URLs to private hosts", async () => {
    for (const host of BYPASSES) {
      const res = await post("/api/v1/aliases/", {
        email: "sam@acme.com",
        transport: { kind: "http", provider: "resend", base_url: `https://${host}`, api_key: "re_x" },
      });
      expectRefused(res, ["body", "transport", "base_url"], host);
    }
  });

  it("refuses LinkedIn provider base URLs to private hosts", async () => {
    for (const host of BYPASSES) {
      const res = await post("/api/v1/connected-accounts/", {
        provider: "unipile",
        provider_account_id: "acc_1",
        base_url: `https://${host}:13111`,
        api_key: "k",
      });
      expectRefused(res, ["body", "base_url"], host);
    }
  });

  it("refuses SMTP hosts that are private, in any spelling the host field accepts", async () => {
    const hosts = BYPASSES.filter((h) => !h.endsWith(".")); // the host field itself refuses a trailing dot
    for (const host of hosts) {
      const res = await post("/api/v1/aliases/", {
        email: "sam@acme.com",
        transport: { kind: "smtp", host, port: 587, username: "sam", password: "pw" },
      });
      expectRefused(res, ["body", "transport", "host"], host);
    }
  });

  it("accepts public destinations", async () => {
    expect(
      (await post("/api/v1/webhooks/", { url: "https://hooks.example.com/x", events: ["*"] })).status,
    ).toBe(201);
    const smtp = await post("/api/v1/aliases/", {
      email: "sam@acme.com",
      transport: { kind: "smtp", host: "smtp.acme.com", port: 587, username: "sam", password: "pw" },
    });
    expect(smtp.status).toBe(201);
    const http = await post("/api/v1/aliases/", {
      email: "sam2@acme.com",
      transport: { kind: "http", provider: "resend", base_url: "https://api.resend.com", api_key: "re_x" },
    });
    expect(http.status).toBe(201);
  });
});
