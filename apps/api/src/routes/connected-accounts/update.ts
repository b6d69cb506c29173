import { ConnectedAccountIdParam, ConnectedAccountResponse, ConnectedAccountUpdate } from "@cadence/contract";
import { connectedAccounts } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { normalizeBaseUrl } from "../../channels/alias-transport";
import { ApiError, commonErrors, errorResponses, validationError } from "../../errors";
import { getDb } from "../../lib/db";
import { encryptSecret } from "../../lib/secrets";
import type { App } from "../../router";
import { assertBaseUrlAllowed } from "../aliases/load";
import { loadConnectedAccount } from "./load";
import { serializeConnectedAccount } from "./serialize";

const route = createRoute({
  method: "patch",
  path: "/api/v1/connected-accounts/{connected_account_id}",
  tags: ["Connected accounts"],
  summary: "Update a connected account (omitted = unchanged, null clears display_name)",
  description: "api_key, when given, replaces the stored key.",
  request: {
    params: ConnectedAccountIdParam,
    body: { content: { "application/json": { schema: ConnectedAccountUpdate } }, required: true },
  },
  responses: {
    200: {
      description: "The updated connected account",
      content: { "application/json": { schema: ConnectedAccountResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
    415: errorResponses[415],
  },
});

export function registerUpdateConnectedAccount(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const { connected_account_id } = c.req.valid("param");
    const patch = c.req.valid("json");
    const current = await loadConnectedAccount(db, c.get("userId"), connected_account_id);
    const dailyLimit = patch.daily_limit ?? current.dailyLimit;
    const weeklyLimit = patch.weekly_limit ?? current.weeklyLimit;
    if (dailyLimit > weeklyLimit) {
      throw validationError([
        {
          loc: ["body", patch.daily_limit !== undefined ? "daily_limit" : "weekly_limit"],
          msg: "daily_limit cannot exceed weekly_limit",
          type: "limit_order",
        },
      ]);
    }
    let baseUrl = current.baseUrl;
    if (patch.base_url !== undefined) {
      baseUrl = normalizeBaseUrl(patch.base_url);
      assertBaseUrlAllowed(c.env, baseUrl, ["body", "base_url"]);
    }
    // Guard on updated_at so a concurrent PATCH (say, a key rotation) is not silently lost.
    const row = await db
      .update(connectedAccounts)
      .set({
        providerAccountId: patch.provider_account_id ?? current.providerAccountId,
        displayName: patch.display_name === undefined ? current.displayName : patch.display_name,
        baseUrl,
        apiKeySecret:
          patch.api_key !== undefined ? await encryptSecret(c.env, patch.api_key) : current.apiKeySecret,
        dailyLimit,
        weeklyLimit,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(connectedAccounts.id, connected_account_id),
          eq(connectedAccounts.updatedAt, current.updatedAt),
        ),
      )
      .returning()
      .get();
    if (!row)
      throw new ApiError("CONFLICT", "The connected account changed while it was being updated; retry");
    return c.json(serializeConnectedAccount(row), 200);
  });
}
