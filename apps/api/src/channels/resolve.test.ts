import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  aLinkedInAction,
  anEmail,
  emailProvider,
  linkedInActions,
  linkedInProvider,
  providerEmails,
  smtpMessages,
  smtpPeer,
  uniqueAddress,
  uniqueProfile,
} from "../../test/delivery-fixtures";
import { call, newUser } from "../../test/helpers";
import { encryptSecret } from "../lib/secrets";
import { HttpEmailChannel } from "./http-email";
import { LinkedInChannel } from "./linkedin";
import { RefusedChannel } from "./refused";
import { type AccountChannelRow, type AliasChannelRow, channelForAccount, channelForAlias } from "./resolve";
import { SmtpChannel } from "./smtp";

/** Rows as the campaign object reads them: raw D1 columns, transport as JSON text. */
async function aliasRow(key: string, transport: unknown): Promise<AliasChannelRow> {
  const created = await call("POST", "/api/v1/aliases/", {
    key,
    body: { email: "sam@acme.test", transport },
  });
  expect(created.status).toBe(201);
  return (await env.DB.prepare("SELECT transport, transport_secret FROM aliases WHERE id = ?")
    .bind(created.json.alias_id)
    .first<AliasChannelRow>())!;
}

describe("channels from stored rows", () => {
  it("capture: null (the campaign object keeps its own CaptureChannel)", async () => {
    const u = await newUser();
    expect(await channelForAlias(env, await aliasRow(u.key, { kind: "capture" }))).toBeNull();
  });

  it("SMTP: decrypts the stored password and delivers", async () => {
    const u = await newUser();
    const row = await aliasRow(u.key, {
      kind: "smtp",
      host: smtpPeer.host,
      port: smtpPeer.port,
      security: "plain",
      username: smtpPeer.username,
      password: smtpPeer.password,
    });
    expect(typeof row.transport).toBe("string");
    const channel = await channelForAlias(env, row);
    expect(channel).toBeInstanceOf(SmtpChannel);
    const to = uniqueAddress("resolved");
    expect(await channel!.send(anEmail(to))).toMatchObject({ kind: "sent" });
    expect((await smtpMessages(to))[0]!.user).toBe(smtpPeer.username);
  });

  it("HTTP: decrypts the stored API key and delivers", async () => {
    const u = await newUser();
    const row = await aliasRow(u.key, {
      kind: "http",
      base_url: emailProvider.url,
      api_key: emailProvider.apiKey,
    });
    const channel = await channelForAlias(env, row);
    expect(channel).toBeInstanceOf(HttpEmailChannel);
    const to = uniqueAddress("resolved");
    expect(await channel!.send(anEmail(to))).toMatchObject({ kind: "sent" });
    expect(await providerEmails(to)).toHaveLength(1);
  });

  it("LinkedIn: decrypts the account's API key and acts as provider_account_id", async () => {
    const u = await newUser();
    const created = await call("POST", "/api/v1/connected-accounts/", {
      key: u.key,
      body: {
        provider_account_id: linkedInProvider.accountId,
        base_url: linkedInProvider.url,
        api_key: linkedInProvider.apiKey,
      },
    });
    const row = (await env.DB.prepare(
      "SELECT provider, provider_account_id, base_url, api_key_secret FROM connected_accounts WHERE id = ?",
    )
      .bind(created.json.connected_account_id)
      .first<AccountChannelRow>())!;
    const channel = await channelForAccount(env, row);
    expect(channel).toBeInstanceOf(LinkedInChannel);
    const who = uniqueProfile("resolved");
    expect(await channel.send(aLinkedInAction(who, "message"))).toMatchObject({ kind: "sent" });
    expect((await linkedInActions(who))[0]).toMatchObject({
      type: "message",
      account_id: linkedInProvider.accountId,
    });
    await expect(channelForAccount(env, { ...row, provider: "other" })).rejects.toThrow(/Unsupported/);
  });

  it("a deployment refuses, at send time, destinations stored before the egress policy", async () => {
    const randomKey = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    const deployed = { ...env, ENVIRONMENT: "production", SECRETS_KEY: randomKey() };
    const secret = await encryptSecret(deployed, emailProvider.apiKey);
    const to = uniqueAddress("refused");
    for (const transport of [
      { kind: "http", provider: "resend", base_url: emailProvider.url },
      { kind: "smtp", host: "127.1", port: smtpPeer.port, security: "plain", username: "u" },
    ]) {
      const channel = await channelForAlias(deployed, { transport, transport_secret: secret });
      expect(channel).toBeInstanceOf(RefusedChannel);
      const outcome = await channel!.send(anEmail(to));
      expect(outcome).toMatchObject({
        kind: "permanent",
        error: expect.stringMatching(/^destination refused: /),
      });
    }
    expect(await providerEmails(to)).toEqual([]);
    const account = await channelForAccount(deployed, {
      provider: "unipile",
      provider_account_id: linkedInProvider.accountId,
      base_url: linkedInProvider.url,
      api_key_secret: secret,
    });
    expect(account).toBeInstanceOf(RefusedChannel);
  });
});
