import { AliasCreate, AliasResponse } from "@cadence/contract";
import { aliases } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { storeTransport } from "./load";
import { serializeAlias } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/aliases",
  tags: ["Aliases"],
  summary: "Create a sending mailbox",
  description:
    "transport is SMTP, a Resend-compatible HTTP API, or capture (the default: messages are stored for inspection). Passwords and API keys are write-only and stored encrypted.",
  request: { body: { content: { "application/json": { schema: AliasCreate } }, required: true } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: AliasResponse } } },
    ...commonErrors,
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export function registerCreateAlias(app: App) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const { transport, secret } = await storeTransport(c.env, body.transport, null);
    const now = new Date();
    const row = await getDb(c.env.DB)
      .insert(aliases)
      .values({
        id: crypto.randomUUID(),
        userId: c.get("userId"),
        email: body.email,
        displayName: body.display_name ?? null,
        dailyLimit: body.daily_limit,
        transport,
        transportSecret: secret,
        forwardTo: body.forward_to?.toLowerCase() ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return c.json(serializeAlias(row), 201);
  });
}
