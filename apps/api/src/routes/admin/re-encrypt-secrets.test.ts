import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../index";
import { LOCAL_DEV_SECRETS_KEY } from "../../lib/deployment";
import { decryptSecret, secretsKeyId, UnknownSecretKeyError } from "../../lib/secrets";

const ADMIN_TOKEN = `adm_${crypto.randomUUID()}${crypto.randomUUID()}`;
const randomKey = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const OLD = randomKey();
const NEW = randomKey();

async function send(
  vars: Record<string, string | undefined>,
  method: string,
  path: string,
  opts: { key?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.key ?? ADMIN_TOKEN}` };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://cadence.test${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  }) as Request<unknown, IncomingRequestCfProperties>;
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env, ADMIN_TOKEN, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, json: (await res.json()) as any };
}

/** A secret in the format written before key ids (v1: AES-GCM, no additional data). */
async function v1Secret(material: string, plaintext: string) {
  const raw = Uint8Array.from(atob(material), (ch) => ch.charCodeAt(0));
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext)),
  );
  const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
  return `v1.${b64(iv)}.${b64(sealed)}`;
}

const secretOf = async (table: string, column: string, id: string) =>
  (await env.DB.prepare(
    `SELECT ${column} AS v FROM ${table} WHERE ${table === "ai_provider_settings" ? "user_id" : "id"} = ?`,
  )
    .bind(id)
    .first<{ v: string }>())!.v;

describe("rotating SECRETS_KEY", () => {
  it("re-encrypts aliases, connected accounts, webhooks and AI provider keys under the new key, v1 rows included", async () => {
    const before = { SECRETS_KEY: OLD };
    const user = await send(before, "POST", "/api/v1/admin/users", { body: { name: "rotating" } });
    expect(user.status).toBe(201);
    const key = user.json.api_key.key as string;

    const alias = await send(before, "POST", "/api/v1/aliases/", {
      key,
      body: {
        email: "sam@acme.test",
        transport: { kind: "smtp", host: "smtp.acme.test", port: 587, username: "sam", password: "smtp-pw" },
      },
    });
    const account = await send(before, "POST", "/api/v1/connected-accounts/", {
      key,
      body: { provider_account_id: "acc", base_url: "https://li.acme.test", api_key: "li-key" },
    });
    const hook = await send(before, "POST", "/api/v1/webhooks/", {
      key,
      body: { url: "https://hooks.acme.test/x", events: ["*"] },
    });
    const ai = await send(before, "PUT", "/api/v1/ai/provider", {
      key,
      body: { base_url: "https://models.acme.test/v1", model: "m", api_key: "ai-key" },
    });
    expect([alias.status, account.status, hook.status, ai.status]).toEqual([201, 201, 201, 200]);
    const rows = [
      { table: "aliases", column: "transport_secret", id: alias.json.alias_id, plain: "smtp-pw" },
      {
        table: "connected_accounts",
        column: "api_key_secret",
        id: account.json.connected_account_id,
        plain: "li-key",
      },
      { table: "webhooks", column: "secret", id: hook.json.webhook_id, plain: hook.json.secret },
      {
        table: "ai_provider_settings",
        column: "api_key_secret",
        id: user.json.user.user_id,
        plain: "ai-key",
      },
    ];
    const oldId = await secretsKeyId(OLD);
    for (const r of rows)
      expect(await secretOf(r.table, r.column, r.id)).toMatch(new RegExp(`^v2\\.${oldId}\\.`));
    // A row from before key ids existed.
    await env.DB.prepare("UPDATE webhooks SET secret = ? WHERE id = ?")
      .bind(await v1Secret(OLD, hook.json.secret), hook.json.webhook_id)
      .run();

    // The new key alone cannot read what the old one wrote.
    const newOnly = { ...env, SECRETS_KEY: NEW };
    await expect(
      decryptSecret(newOnly, await secretOf("aliases", "transport_secret", rows[0]!.id)),
    ).rejects.toThrow(UnknownSecretKeyError);

    // Rotate: new key current, old key (and the development key other tests wrote with) previous.
    const rotating = { SECRETS_KEY: NEW, SECRETS_KEY_PREVIOUS: `${OLD}, ${LOCAL_DEV_SECRETS_KEY}` };
    const res = await send(rotating, "POST", "/api/v1/admin/secrets/re-encrypt");
    expect(res.status).toBe(200);
    expect(res.json.key_id).toBe(await secretsKeyId(NEW));
    const byTable = Object.fromEntries(res.json.tables.map((t: any) => [t.table, t]));
    for (const table of [
      "aliases",
      "connected_accounts",
      "webhooks",
      "ai_provider_settings",
      "idempotency_keys",
    ])
      expect(byTable[table], table).toBeDefined();
    for (const r of rows) {
      expect(byTable[r.table].rewritten).toBeGreaterThanOrEqual(1);
      const stored = await secretOf(r.table, r.column, r.id);
      expect(stored).toMatch(new RegExp(`^v2\\.${res.json.key_id}\\.`));
      expect(await decryptSecret(newOnly, stored)).toBe(r.plain);
    }
    expect(JSON.stringify(res.json)).not.toContain("smtp-pw");

    // Once done, the old key can go: the deployment reads everything with the new key alone.
    const again = await send(
      { SECRETS_KEY: NEW },
      "POST",
      `/api/v1/webhooks/${hook.json.webhook_id}/rotate-secret`,
      {
        key,
      },
    );
    expect(again.status).toBe(200);
  });

  it("reports rows that no configured key opens, and is not complete while they remain", async () => {
    const stranger = randomKey();
    const user = await send({ SECRETS_KEY: stranger }, "POST", "/api/v1/admin/users", {});
    const hook = await send({ SECRETS_KEY: stranger }, "POST", "/api/v1/webhooks/", {
      key: user.json.api_key.key,
      body: { url: "https://hooks.acme.test/y", events: ["*"] },
    });
    expect(hook.status).toBe(201);
    const res = await send(
      { SECRETS_KEY: NEW, SECRETS_KEY_PREVIOUS: `${OLD},${LOCAL_DEV_SECRETS_KEY}` },
      "POST",
      "/api/v1/admin/secrets/re-encrypt",
    );
    expect(res.status).toBe(200);
    const webhooks = res.json.tables.find((t: any) => t.table === "webhooks");
    expect(webhooks.undecryptable).toBeGreaterThanOrEqual(1);
    expect(webhooks.remaining).toBeGreaterThanOrEqual(1);
    expect(res.json.complete).toBe(false);
    expect(await secretOf("webhooks", "secret", hook.json.webhook_id)).toMatch(
      new RegExp(`^v2\\.${await secretsKeyId(stranger)}\\.`),
    );
    await env.DB.prepare("DELETE FROM webhooks WHERE id = ?").bind(hook.json.webhook_id).run();
  });

  it("is an admin route: a user's key is refused", async () => {
    const user = await send({}, "POST", "/api/v1/admin/users", {});
    const res = await send({}, "POST", "/api/v1/admin/secrets/re-encrypt", { key: user.json.api_key.key });
    expect(res.status).toBe(401);
  });
});
