import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectNoSecrets, linkedInProvider, seedCampaignUsing } from "../../../test/delivery-fixtures";
import { call, newUser } from "../../../test/helpers";
import { decryptSecret } from "../../lib/secrets";

const FIELDS = [
  "base_url",
  "connected_account_id",
  "created_at",
  "daily_limit",
  "display_name",
  "has_api_key",
  "provider",
  "provider_account_id",
  "updated_at",
  "weekly_limit",
];

const account = (overrides: Record<string, unknown> = {}) => ({
  provider: "unipile",
  provider_account_id: linkedInProvider.accountId,
  display_name: "Sam on LinkedIn",
  base_url: linkedInProvider.url,
  api_key: linkedInProvider.apiKey,
  ...overrides,
});
const create = (key: string, body: unknown) => call("POST", "/api/v1/connected-accounts/", { key, body });
const storedKey = async (id: string) =>
  (await env.DB.prepare("SELECT api_key_secret FROM connected_accounts WHERE id = ?")
    .bind(id)
    .first<{ api_key_secret: string }>())!.api_key_secret;

describe("connected accounts: happy path", () => {
  it("creates an account with default limits; the API key is stored encrypted", async () => {
    const u = await newUser();
    const res = await create(u.key, account({ base_url: `${linkedInProvider.url}/` }));
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(FIELDS);
    expect(res.json).toMatchObject({
      provider: "unipile",
      provider_account_id: linkedInProvider.accountId,
      display_name: "Sam on LinkedIn",
      base_url: linkedInProvider.url,
      daily_limit: 25,
      weekly_limit: 100,
      has_api_key: true,
    });
    const stored = await storedKey(res.json.connected_account_id);
    expect(stored).toMatch(/^v2\.[0-9a-f]{8}\./);
    expect(await decryptSecret(env, stored)).toBe(linkedInProvider.apiKey);
  });

  it("provider defaults to unipile; gets, lists, pages and deletes", async () => {
    const u = await newUser();
    const { provider: _, ...noProvider } = account();
    const a = (await create(u.key, noProvider)).json;
    expect(a.provider).toBe("unipile");
    const b = (await create(u.key, account({ provider_account_id: "other" }))).json;
    const path = `/api/v1/connected-accounts/${a.connected_account_id}`;
    expect((await call("GET", path, { key: u.key })).json).toEqual(a);
    const all = await call("GET", "/api/v1/connected-accounts", { key: u.key });
    expect(all.json).toMatchObject({ total: 2, offset: 0, limit: 50 });
    expect(all.json.items.map((x: any) => x.connected_account_id)).toEqual([
      b.connected_account_id,
      a.connected_account_id,
    ]);
    const page = await call("GET", "/api/v1/connected-accounts/?limit=1&offset=1", { key: u.key });
    expect(page.json.items.map((x: any) => x.connected_account_id)).toEqual([a.connected_account_id]);
    expect((await call("DELETE", path, { key: u.key })).status).toBe(204);
    expect((await call("GET", path, { key: u.key })).status).toBe(404);
  });

  it("PATCH: omitted fields stay, null clears display_name, api_key replaces the stored key", async () => {
    const u = await newUser();
    const a = (await create(u.key, account())).json;
    const path = `/api/v1/connected-accounts/${a.connected_account_id}`;
    const patched = await call("PATCH", path, { key: u.key, body: { daily_limit: 40, display_name: null } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      daily_limit: 40,
      weekly_limit: 100,
      display_name: null,
      provider_account_id: linkedInProvider.accountId,
      has_api_key: true,
    });
    expect(await decryptSecret(env, await storedKey(a.connected_account_id))).toBe(linkedInProvider.apiKey);
    await call("PATCH", path, {
      key: u.key,
      body: { api_key: "rotated-key", base_url: "http://127.0.0.1:9/x/" },
    });
    expect(await decryptSecret(env, await storedKey(a.connected_account_id))).toBe("rotated-key");
    expect((await call("GET", path, { key: u.key })).json.base_url).toBe("http://127.0.0.1:9/x");
  });
});

describe("connected accounts: validation", () => {
  const cases: [string, Record<string, unknown>, (string | number)[]][] = [
    ["a missing API key", account({ api_key: undefined }), ["body", "api_key"]],
    ["an empty API key", account({ api_key: "" }), ["body", "api_key"]],
    ["an unknown provider", account({ provider: "phantombuster" }), ["body", "provider"]],
    [
      "a missing provider_account_id",
      account({ provider_account_id: undefined }),
      ["body", "provider_account_id"],
    ],
    ["a base_url that is not a URL", account({ base_url: "api.unipile.com" }), ["body", "base_url"]],
    ["daily_limit 0", account({ daily_limit: 0 }), ["body", "daily_limit"]],
    ["daily_limit 1001", account({ daily_limit: 1001, weekly_limit: 5000 }), ["body", "daily_limit"]],
    ["weekly_limit 5001", account({ weekly_limit: 5001 }), ["body", "weekly_limit"]],
    [
      "daily_limit above weekly_limit",
      account({ daily_limit: 30, weekly_limit: 20 }),
      ["body", "daily_limit"],
    ],
    ["an unknown field", account({ apikey: "x" }), ["body"]],
  ];
  for (const [name, body, loc] of cases) {
    it(`${name} is 422 at ${loc.join(".")}`, async () => {
      const u = await newUser();
      const res = await create(u.key, body);
      expect(res.status).toBe(422);
      expect(res.json.errors.map((e: any) => e.loc)).toContainEqual(loc);
      expect((await call("GET", "/api/v1/connected-accounts/", { key: u.key })).json.total).toBe(0);
    });
  }

  it("PATCH checks the limits against the stored ones", async () => {
    const u = await newUser();
    const a = (await create(u.key, account())).json;
    const path = `/api/v1/connected-accounts/${a.connected_account_id}`;
    const res = await call("PATCH", path, { key: u.key, body: { weekly_limit: 10 } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].loc).toEqual(["body", "weekly_limit"]);
    expect((await call("PATCH", path, { key: u.key, body: { api_key: "" } })).status).toBe(422);
    expect((await call("GET", path, { key: u.key })).json.weekly_limit).toBe(100);
  });
});

describe("connected accounts: isolation, conflicts, secrets", () => {
  it("another user's account is 404 for every operation", async () => {
    const owner = await newUser();
    const other = await newUser();
    const a = (await create(owner.key, account())).json;
    const path = `/api/v1/connected-accounts/${a.connected_account_id}`;
    expect((await call("GET", path, { key: other.key })).status).toBe(404);
    expect((await call("PATCH", path, { key: other.key, body: { daily_limit: 2 } })).status).toBe(404);
    expect((await call("DELETE", path, { key: other.key })).status).toBe(404);
    expect((await call("GET", "/api/v1/connected-accounts/", { key: other.key })).json.total).toBe(0);
    expect((await call("GET", path, { key: owner.key })).json.daily_limit).toBe(25);
  });

  it("DELETE is 409 RESOURCE_IN_USE while a live campaign acts through it, 204 once it ended", async () => {
    const u = await newUser();
    const a = (await create(u.key, account())).json;
    const path = `/api/v1/connected-accounts/${a.connected_account_id}`;
    for (const status of ["launching", "scheduled", "active", "draining", "paused"]) {
      const campaignId = await seedCampaignUsing(u.userId, {
        status,
        connectedAccountId: a.connected_account_id,
      });
      const res = await call("DELETE", path, { key: u.key });
      expect(res.status).toBe(409);
      expect(res.json.detail).toBe("RESOURCE_IN_USE");
      expect(res.json.message).toContain(campaignId);
      await env.DB.prepare("UPDATE campaigns SET status = 'completed' WHERE id = ?").bind(campaignId).run();
    }
    await seedCampaignUsing(u.userId, { status: "draft", connectedAccountId: a.connected_account_id });
    expect((await call("DELETE", path, { key: u.key })).status).toBe(204);
  });

  it("no response carries the API key or its ciphertext", async () => {
    const u = await newUser();
    const apiKey = `unipile-${crypto.randomUUID()}`;
    const rotated = `unipile-${crypto.randomUUID()}`;
    const texts: string[] = [];
    const created = await create(u.key, account({ api_key: apiKey }));
    texts.push(created.text);
    const path = `/api/v1/connected-accounts/${created.json.connected_account_id}`;
    texts.push((await call("GET", path, { key: u.key })).text);
    texts.push((await call("PATCH", path, { key: u.key, body: { daily_limit: 5 } })).text);
    texts.push((await call("PATCH", path, { key: u.key, body: { api_key: rotated } })).text);
    texts.push((await call("GET", "/api/v1/connected-accounts/", { key: u.key })).text);
    texts.push((await create(u.key, account({ api_key: apiKey, daily_limit: 0 }))).text);
    for (const text of texts) expectNoSecrets(text, [apiKey, rotated]);
    expect(JSON.parse(texts[3]!).has_api_key).toBe(true);
  });
});
