import { z } from "@hono/zod-openapi";
import { PaginationQuery, paginated, Timestamp, Uuid } from "./common";

export const SMTP_SECURITY = ["tls", "starttls", "plain"] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
export const DEFAULT_RESEND_BASE_URL = "https://api.resend.com";
export const ALIAS_DAILY_LIMIT_MAX = 10_000;

const HOSTNAME =
  /^(?:(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

/** An http(s) origin plus optional path prefix; http is refused outside local development by the API. */
export const ProviderBaseUrl = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .max(2048)
  .openapi({ example: "https://api.resend.com" });

export const SmtpTransportInput = z
  .object({
    kind: z.literal("smtp"),
    host: z.string().trim().regex(HOSTNAME, "must be a host name or a bracketed IPv6 address"),
    port: z.number().int().min(1).max(65535),
    security: z.enum(SMTP_SECURITY).optional().openapi({
      description:
        "tls: TLS from the first byte (usually port 465); starttls: plain connection upgraded with STARTTLS, refused if the server does not offer it; plain: no TLS. Default: tls on port 465, starttls otherwise",
    }),
    secure: z.boolean().optional().openapi({
      description: "Compatibility alias: true = security tls, false = security plain",
    }),
    username: z.string().min(1).max(320).nullish(),
    password: z
      .string()
      .min(1)
      .max(1024)
      .optional()
      .openapi({ description: "Write-only; stored encrypted. Required with a username on create" }),
  })
  .strict()
  .refine((t) => t.security === undefined || t.secure === undefined || (t.security === "tls") === t.secure, {
    message: "secure contradicts security",
    path: ["secure"],
  })
  .openapi("SmtpTransportInput");

export const HttpTransportInput = z
  .object({
    kind: z.literal("http"),
    provider: z.literal("resend").default("resend").openapi({ description: "A Resend-compatible API" }),
    base_url: ProviderBaseUrl.default(DEFAULT_RESEND_BASE_URL),
    api_key: z
      .string()
      .min(1)
      .max(4096)
      .optional()
      .openapi({ description: "Write-only; stored encrypted. Required on create" }),
  })
  .strict()
  .openapi("HttpTransportInput");

export const CaptureTransport = z
  .object({ kind: z.literal("capture") })
  .strict()
  .openapi("CaptureTransport", { description: "Stores each message for inspection; the local default" });

export const AliasTransportInput = z
  .discriminatedUnion("kind", [SmtpTransportInput, HttpTransportInput, CaptureTransport])
  .openapi("AliasTransportInput");
export type AliasTransportInput = z.infer<typeof AliasTransportInput>;

/** What responses show of a transport: settings, and only whether a secret is stored. */
export const AliasTransportView = z
  .discriminatedUnion("kind", [
    z
      .object({
        kind: z.literal("smtp"),
        host: z.string(),
        port: z.number().int(),
        security: z.enum(SMTP_SECURITY),
        secure: z.boolean(),
        username: z.string().nullable(),
        has_password: z.boolean(),
      })
      .openapi("SmtpTransportView"),
    z
      .object({
        kind: z.literal("http"),
        provider: z.literal("resend"),
        base_url: z.string(),
        has_api_key: z.boolean(),
      })
      .openapi("HttpTransportView"),
    CaptureTransport,
  ])
  .openapi("AliasTransportView");
export type AliasTransportView = z.infer<typeof AliasTransportView>;

const email = z.email().max(254).openapi({ example: "sam@acme.com" });
const displayName = z.string().trim().max(200);
const dailyLimit = z.number().int().min(1).max(ALIAS_DAILY_LIMIT_MAX);
/** The alias owner's own mailbox: replies that come back through Cadence's inbound address are forwarded there. */
const forwardTo = z.email().max(254).openapi({
  example: "sam@acme.com",
  description:
    "Where replies to this alias's emails are forwarded (with INBOUND_DOMAIN set, replies reach Cadence first). On Cloudflare it must be a verified Email Routing destination.",
});

export const AliasCreate = z
  .object({
    email,
    display_name: displayName.nullish(),
    daily_limit: dailyLimit.default(50),
    transport: AliasTransportInput.default({ kind: "capture" }),
    forward_to: forwardTo.nullish(),
  })
  .strict()
  .openapi("AliasCreate");
export type AliasCreate = z.infer<typeof AliasCreate>;

/** PATCH: omitted = unchanged; a transport without its secret keeps the stored one if `kind` is unchanged. */
export const AliasUpdate = z
  .object({
    email: email.optional(),
    display_name: displayName.nullable().optional(),
    daily_limit: dailyLimit.optional(),
    transport: AliasTransportInput.optional(),
    forward_to: forwardTo.nullable().optional(),
  })
  .strict()
  .openapi("AliasUpdate");
export type AliasUpdate = z.infer<typeof AliasUpdate>;

export const AliasResponse = z
  .object({
    alias_id: Uuid,
    email: z.string(),
    display_name: z.string().nullable(),
    daily_limit: z.number().int(),
    transport: AliasTransportView,
    forward_to: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("Alias");
export type AliasResponse = z.infer<typeof AliasResponse>;

export const AliasList = paginated(AliasResponse).openapi("AliasList");
export const AliasListQuery = PaginationQuery;

export const AliasIdParam = z.object({
  alias_id: Uuid.openapi({ param: { name: "alias_id", in: "path" } }),
});

export const AliasVerifyResult = z
  .object({
    ok: z.boolean(),
    error: z.string().optional().openapi({ description: "The server's or provider's own answer" }),
  })
  .openapi("AliasVerifyResult");
export type AliasVerifyResult = z.infer<typeof AliasVerifyResult>;
