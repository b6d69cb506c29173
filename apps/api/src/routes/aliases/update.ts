import { AliasIdParam, AliasResponse, AliasUpdate } from "@cadence/contract";
import { aliases } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { parseStoredTransport } from "../../channels/alias-transport";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadAlias, storeTransport } from "./load";
import { serializeAlias } from "./serialize";

const route = createRoute({
  method: "patch",
  path: "/api/v1/aliases/{alias_id}",
  tags: ["Aliases"],
  summary: "Update a sending mailbox (omitted = unchanged)",
  description:
    "transport is replaced as a whole; sent without its password or api_key it keeps the stored secret when its kind is unchanged.",
  request: {
    params: AliasIdParam,
    body: { content: { "application/json": { schema: AliasUpdate } }, required: true },
  },
  responses: {
    200: { description: "The updated alias", content: { "application/json": { schema: AliasResponse } } },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
    415: errorResponses[415],
  },
});

export function registerUpdateAlias(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const { alias_id } = c.req.valid("param");
    const patch = c.req.valid("json");
    const current = await loadAlias(db, c.get("userId"), alias_id);
    const stored = patch.transport
      ? await storeTransport(c.env, patch.transport, {
          transport: parseStoredTransport(current.transport),
          secret: current.transportSecret,
        })
      : null;
    // Guard on updated_at so a concurrent PATCH (say, a password change) is not silently lost.
    const row = await db
      .update(aliases)
      .set({
        email: patch.email ?? current.email,
        displayName: patch.display_name === undefined ? current.displayName : patch.display_name,
        dailyLimit: patch.daily_limit ?? current.dailyLimit,
        forwardTo:
          patch.forward_to === undefined ? current.forwardTo : (patch.forward_to?.toLowerCase() ?? null),
        ...(stored ? { transport: stored.transport, transportSecret: stored.secret } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(aliases.id, alias_id), eq(aliases.updatedAt, current.updatedAt)))
      .returning()
      .get();
    if (!row) throw new ApiError("CONFLICT", "The alias changed while it was being updated; retry");
    return c.json(serializeAlias(row), 200);
  });
}
