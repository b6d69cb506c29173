import type { AliasTransportView, SmtpSecurity } from "@cadence/contract";

/**
 * The non-secret part of an alias's transport, exactly as kept in `aliases.transport`. It is built
 * field by field from validated input, so a secret can never slip into it; the password or API key
 * lives only in `aliases.transport_secret`, encrypted.
 */
export type StoredTransport =
  | { kind: "smtp"; host: string; port: number; security: SmtpSecurity; username: string | null }
  | { kind: "http"; provider: "resend"; base_url: string }
  | { kind: "capture" };

const SECURITIES: readonly string[] = ["tls", "starttls", "plain"];

/** Reads `aliases.transport` (a parsed object from drizzle, or the JSON text a raw D1 query returns). */
export function parseStoredTransport(value: unknown): StoredTransport {
  const t = (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown> | null;
  switch (t?.kind) {
    case "capture":
      return { kind: "capture" };
    case "smtp":
      if (typeof t.host !== "string" || typeof t.port !== "number") break;
      return {
        kind: "smtp",
        host: t.host,
        port: t.port,
        security: SECURITIES.includes(t.security as string)
          ? (t.security as SmtpSecurity)
          : smtpSecurity(t.port, undefined, undefined),
        username: typeof t.username === "string" ? t.username : null,
      };
    case "http":
      if (typeof t.base_url !== "string") break;
      return { kind: "http", provider: "resend", base_url: t.base_url };
  }
  throw new Error(`unrecognised alias transport: ${String(t?.kind)}`);
}

/** `security` wins; else the `secure` compatibility flag; else TLS on 465 and STARTTLS elsewhere. */
export function smtpSecurity(
  port: number,
  security: SmtpSecurity | undefined,
  secure: boolean | undefined,
): SmtpSecurity {
  if (security) return security;
  if (secure !== undefined) return secure ? "tls" : "plain";
  return port === 465 ? "tls" : "starttls";
}

export function transportView(t: StoredTransport, hasSecret: boolean): AliasTransportView {
  switch (t.kind) {
    case "smtp":
      return {
        kind: "smtp",
        host: t.host,
        port: t.port,
        security: t.security,
        secure: t.security === "tls",
        username: t.username,
        has_password: hasSecret,
      };
    case "http":
      return { kind: "http", provider: t.provider, base_url: t.base_url, has_api_key: hasSecret };
    case "capture":
      return { kind: "capture" };
  }
}

/** Provider base URLs are joined with paths, so they are kept without a trailing slash. */
export function normalizeBaseUrl(url: string): string {
  return url.replace(/\/+$/, "");
}
