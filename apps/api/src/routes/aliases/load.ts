import { type AliasTransportInput, LIVE_STATUSES } from "@cadence/contract";
import { aliases, campaigns } from "@cadence/db";
import { and, eq, inArray, sql } from "drizzle-orm";
import { normalizeBaseUrl, type StoredTransport, smtpSecurity } from "../../channels/alias-transport";
import type { Env } from "../../env";
import { notFound, validationError } from "../../errors";
import type { Db } from "../../lib/db";
import { isLocal } from "../../lib/deployment";
import { assertEgressAllowed } from "../../lib/egress-validation";
import { encryptSecret } from "../../lib/secrets";

export type AliasRow = typeof aliases.$inferSelect;

/** The user's alias, or 404 (another user's id is indistinguishable from a missing one). */
export async function loadAlias(db: Db, userId: string, aliasId: string): Promise<AliasRow> {
  const row = await db
    .select()
    .from(aliases)
    .where(and(eq(aliases.id, aliasId), eq(aliases.userId, userId)))
    .get();
  if (!row) throw notFound("Alias");
  return row;
}

/** SQL true while a live campaign of the user lists the alias in `alias_ids`. */
export function aliasInLiveUse(userId: string, aliasId: string) {
  return sql`EXISTS (SELECT 1 FROM ${campaigns}, json_each(${campaigns.aliasIds}) AS j
    WHERE ${campaigns.userId} = ${userId} AND ${inArray(campaigns.status, [...LIVE_STATUSES])} AND j.value = ${aliasId})`;
}

export async function liveCampaignsUsingAlias(db: Db, userId: string, aliasId: string): Promise<string[]> {
  const rows = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.userId, userId),
        inArray(campaigns.status, [...LIVE_STATUSES]),
        sql`EXISTS (SELECT 1 FROM json_each(${campaigns.aliasIds}) AS j WHERE j.value = ${aliasId})`,
      ),
    )
    .all();
  return rows.map((r) => r.id);
}

/**
 * http is for local peers only; a deployed Worker sends API keys over TLS or not at all, and only to
 * public hosts (lib/egress.ts).
 */
export function assertBaseUrlAllowed(env: Env, url: string, loc: (string | number)[]) {
  if (!isLocal(env) && !url.startsWith("https://")) {
    throw validationError([{ loc, msg: "must be an https URL", type: "url_scheme" }]);
  }
  assertEgressAllowed(env, url, loc);
}

/**
 * Turns a validated request transport into what is stored: the settings, and the secret encrypted.
 * `current` is the stored transport on PATCH: a transport of the same kind sent without its secret
 * keeps the stored one.
 */
export async function storeTransport(
  env: Env,
  input: AliasTransportInput,
  current: { transport: StoredTransport; secret: string | null } | null,
): Promise<{ transport: StoredTransport; secret: string | null }> {
  const loc = (field: string) => ["body", "transport", field];
  const kept = current?.transport.kind === input.kind ? current.secret : null;
  switch (input.kind) {
    case "capture":
      return { transport: { kind: "capture" }, secret: null };
    case "smtp": {
      if (input.port === 25 && !isLocal(env)) {
        // Cloudflare blocks outbound TCP to port 25; a mailbox configured so could never send.
        throw validationError([
          {
            loc: loc("port"),
            msg: "Workers cannot connect to port 25; use 465 (tls) or 587 (starttls)",
            type: "port",
          },
        ]);
      }
      assertEgressAllowed(env, input.host, loc("host"), "host");
      const username = input.username ?? null;
      const transport: StoredTransport = {
        kind: "smtp",
        host: input.host,
        port: input.port,
        security: smtpSecurity(input.port, input.security, input.secure),
        username,
      };
      if (username === null) {
        if (input.password !== undefined) {
          throw validationError([
            { loc: loc("username"), msg: "a password needs a username", type: "missing" },
          ]);
        }
        return { transport, secret: null };
      }
      const secret = input.password !== undefined ? await encryptSecret(env, input.password) : kept;
      if (!secret) {
        throw validationError([
          { loc: loc("password"), msg: "a password is required with a username", type: "missing" },
        ]);
      }
      return { transport, secret };
    }
    case "http": {
      const baseUrl = normalizeBaseUrl(input.base_url);
      assertBaseUrlAllowed(env, baseUrl, loc("base_url"));
      const secret = input.api_key !== undefined ? await encryptSecret(env, input.api_key) : kept;
      if (!secret) {
        throw validationError([{ loc: loc("api_key"), msg: "an API key is required", type: "missing" }]);
      }
      return { transport: { kind: "http", provider: input.provider, base_url: baseUrl }, secret };
    }
  }
}
