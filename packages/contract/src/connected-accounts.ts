import { z } from "@hono/zod-openapi";
import { ProviderBaseUrl } from "./aliases";
import { PaginationQuery, paginated, Timestamp, Uuid } from "./common";

export const LINKEDIN_PROVIDERS = ["unipile"] as const;
export const ACCOUNT_DAILY_LIMIT_MAX = 1_000;
export const ACCOUNT_WEEKLY_LIMIT_MAX = 5_000;

const providerAccountId = z.string().trim().min(1).max(255).openapi({
  description: "The provider's id of the LinkedIn account (sent as `account_id`)",
  example: "t5XY4yQzR9WVrlNFyzPMhw",
});
const displayName = z.string().trim().max(200);
const apiKey = z.string().min(1).max(4096).openapi({ description: "Write-only; stored encrypted" });
const dailyLimit = z.number().int().min(1).max(ACCOUNT_DAILY_LIMIT_MAX);
const weeklyLimit = z.number().int().min(1).max(ACCOUNT_WEEKLY_LIMIT_MAX);

export const ConnectedAccountCreate = z
  .object({
    provider: z.enum(LINKEDIN_PROVIDERS).default("unipile"),
    provider_account_id: providerAccountId,
    display_name: displayName.nullish(),
    base_url: ProviderBaseUrl.openapi({ example: "https://api1.unipile.com:13111" }),
    api_key: apiKey,
    daily_limit: dailyLimit.default(25),
    weekly_limit: weeklyLimit.default(100),
  })
  .strict()
  .refine((a) => a.daily_limit <= a.weekly_limit, {
    message: "daily_limit cannot exceed weekly_limit",
    path: ["daily_limit"],
  })
  .openapi("ConnectedAccountCreate");
export type ConnectedAccountCreate = z.infer<typeof ConnectedAccountCreate>;

/** PATCH: omitted = unchanged, null clears `display_name`; `api_key` replaces the stored key. */
export const ConnectedAccountUpdate = z
  .object({
    provider_account_id: providerAccountId.optional(),
    display_name: displayName.nullable().optional(),
    base_url: ProviderBaseUrl.optional(),
    api_key: apiKey.optional(),
    daily_limit: dailyLimit.optional(),
    weekly_limit: weeklyLimit.optional(),
  })
  .strict()
  .openapi("ConnectedAccountUpdate");
export type ConnectedAccountUpdate = z.infer<typeof ConnectedAccountUpdate>;

export const ConnectedAccountResponse = z
  .object({
    connected_account_id: Uuid,
    provider: z.enum(LINKEDIN_PROVIDERS),
    provider_account_id: z.string(),
    display_name: z.string().nullable(),
    base_url: z.string(),
    daily_limit: z.number().int(),
    weekly_limit: z.number().int(),
    has_api_key: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("ConnectedAccount");
export type ConnectedAccountResponse = z.infer<typeof ConnectedAccountResponse>;

export const ConnectedAccountList = paginated(ConnectedAccountResponse).openapi("ConnectedAccountList");
export const ConnectedAccountListQuery = PaginationQuery;

export const ConnectedAccountIdParam = z.object({
  connected_account_id: Uuid.openapi({ param: { name: "connected_account_id", in: "path" } }),
});
