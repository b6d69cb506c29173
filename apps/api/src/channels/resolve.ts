import type { BaseEnv } from "../base-env";
import { egressProblem } from "../lib/egress";
import { decryptSecret } from "../lib/secrets";
import { parseStoredTransport } from "./alias-transport";
import { type HttpChannelOptions, HttpEmailChannel, type HttpEmailSettings } from "./http-email";
import { LinkedInChannel, type LinkedInChannelOptions } from "./linkedin";
import { RefusedChannel } from "./refused";
import { SmtpChannel, type SmtpChannelOptions } from "./smtp";
import type { SmtpSettings } from "./smtp-client";
import type { Channel } from "./types";

/** The columns of an `aliases` row a channel needs (raw D1 names; `transport` as JSON text or parsed). */
export interface AliasChannelRow {
  transport: unknown;
  transport_secret: string | null;
}

/** The columns of a `connected_accounts` row a channel needs (raw D1 names). */
export interface AccountChannelRow {
  provider: string;
  provider_account_id: string;
  base_url: string;
  api_key_secret: string;
}

export type AliasTransportSettings =
  | { kind: "smtp"; settings: SmtpSettings }
  | { kind: "http"; settings: HttpEmailSettings }
  | { kind: "capture" };

/** The alias's transport with its secret decrypted; only ever held in memory for one send or check. */
export async function aliasTransportSettings(
  env: BaseEnv,
  row: AliasChannelRow,
): Promise<AliasTransportSettings> {
  const t = parseStoredTransport(row.transport);
  const secret = row.transport_secret ? await decryptSecret(env, row.transport_secret) : null;
  switch (t.kind) {
    case "capture":
      return { kind: "capture" };
    case "smtp":
      return {
        kind: "smtp",
        settings: {
          host: t.host,
          port: t.port,
          security: t.security,
          username: t.username,
          password: secret,
        },
      };
    case "http":
      if (!secret) throw new Error("The alias's HTTP transport has no API key stored");
      return { kind: "http", settings: { provider: t.provider, baseUrl: t.base_url, apiKey: secret } };
  }
}

/**
 * Why a deployment may not reach this transport's server (the egress policy, checked again at send
 * time for settings stored before it or by a local deployment), or null.
 */
export function transportEgressProblem(env: BaseEnv, t: AliasTransportSettings): string | null {
  if (t.kind === "smtp") return egressProblem(env, t.settings.host, "host");
  if (t.kind === "http") return egressProblem(env, t.settings.baseUrl);
  return null;
}

/**
 * The channel that sends from an alias, or null for a capture alias (the campaign object keeps its
 * own CaptureChannel, which writes to its storage).
 */
export async function channelForAlias(
  env: BaseEnv,
  row: AliasChannelRow,
  options: SmtpChannelOptions & HttpChannelOptions = {},
): Promise<Channel | null> {
  const t = await aliasTransportSettings(env, row);
  const refused = transportEgressProblem(env, t);
  if (refused) return new RefusedChannel(refused);
  switch (t.kind) {
    case "capture":
      return null;
    case "smtp":
      return new SmtpChannel(t.settings, options);
    case "http":
      return new HttpEmailChannel(t.settings, options);
  }
}

export async function channelForAccount(
  env: BaseEnv,
  row: AccountChannelRow,
  options: LinkedInChannelOptions = {},
): Promise<Channel> {
  if (row.provider !== "unipile") throw new Error(`Unsupported LinkedIn provider: ${row.provider}`);
  const refused = egressProblem(env, row.base_url);
  if (refused) return new RefusedChannel(refused);
  return new LinkedInChannel(
    {
      provider: "unipile",
      baseUrl: row.base_url.replace(/\/+$/, ""),
      apiKey: await decryptSecret(env, row.api_key_secret),
      accountId: row.provider_account_id,
    },
    options,
  );
}
