import { ApiKeyCreate, ApiKeyCreated } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { issueApiKey } from "../../lib/api-keys";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeApiKey } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/api-keys",
  tags: ["API keys"],
  summary: "Create an API key; the raw key is in this response only",
  request: { body: { content: { "application/json": { schema: ApiKeyCreate } }, required: false } },
  responses: {
    201: {
      description: "The new key, shown once",
      content: { "application/json": { schema: ApiKeyCreated } },
    },
    ...commonErrors,
    409: errorResponses[409],
    415: errorResponses[415],
  },
});

export function registerCreateApiKey(app: App) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json") ?? { name: "default" };
    const { raw, row } = await issueApiKey(getDb(c.env.DB), c.get("userId"), body.name ?? "default");
    return c.json(
      {
        ...serializeApiKey({ ...row, lastUsedAt: null, revokedAt: null, rateLimitPerMinute: null }),
        key: raw,
      },
      201,
    );
  });
}
