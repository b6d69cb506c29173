import { ConnectedAccountCreate, ConnectedAccountResponse } from "@cadence/contract";
import { connectedAccounts } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { normalizeBaseUrl } from "../../channels/alias-transport";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import { encryptSecret } from "../../lib/secrets";
import type { App } from "../../router";
import { assertBaseUrlAllowed } from "../aliases/load";
import { serializeConnectedAccount } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/connected-accounts",
  tags: ["Connected accounts"],
  summary: "Connect a LinkedIn account reached through a provider API",
  description: "api_key is write-only and stored encrypted; responses only say has_api_key.",
  request: { body: { content: { "application/json": { schema: ConnectedAccountCreate } }, required: true } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: ConnectedAccountResponse } } },
    ...commonErrors,
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export function registerCreateConnectedAccount(app: App) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const baseUrl = normalizeBaseUrl(body.base_url);
    assertBaseUrlAllowed(c.env, baseUrl, ["body", "base_url"]);
    const now = new Date();
    const row = await getDb(c.env.DB)
      .insert(connectedAccounts)
      .values({
        id: crypto.randomUUID(),
        userId: c.get("userId"),
        provider: body.provider,
        providerAccountId: body.provider_account_id,
        displayName: body.display_name ?? null,
        baseUrl,
        apiKeySecret: await encryptSecret(c.env, body.api_key),
        dailyLimit: body.daily_limit,
        weeklyLimit: body.weekly_limit,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return c.json(serializeConnectedAccount(row), 201);
  });
}
