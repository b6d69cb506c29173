import { SenderProfileIdParam, SenderProfileResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadSenderProfile, usageCounts } from "./load";
import { serializeSenderProfile } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/sender-profiles/{sender_profile_id}",
  tags: ["Sender profiles"],
  summary: "Get a sender profile",
  request: { params: SenderProfileIdParam },
  responses: {
    200: {
      description: "The sender profile",
      content: { "application/json": { schema: SenderProfileResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerGetSenderProfile(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const row = await loadSenderProfile(db, userId, c.req.valid("param").sender_profile_id);
    const usage = await usageCounts(db, userId, [row.id]);
    return c.json(serializeSenderProfile(row, usage.get(row.id) ?? 0), 200);
  });
}
