import { MAX_SENDER_PROFILES, SenderProfileCreate, SenderProfileResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { clearOtherDefaults, loadSenderProfile } from "./load";
import { serializeSenderProfile } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/sender-profiles",
  tags: ["Sender profiles"],
  summary: "Create a sender profile (at most 5 per user)",
  description:
    "The first profile becomes the default; `is_default: true` moves the default to the new one. A sixth profile is 409 LIMIT_REACHED.",
  request: { body: { content: { "application/json": { schema: SenderProfileCreate } }, required: true } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: SenderProfileResponse } } },
    ...commonErrors,
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export function registerCreateSenderProfile(app: App) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const id = crypto.randomUUID();
    const now = new Date();
    // One conditional INSERT: the count and the default are decided inside SQLite, so two racing
    // creates cannot make a sixth profile or leave the user without a default. Raw D1 because
    // drizzle cannot batch raw SQL; the clearing UPDATE is built by drizzle and run in the same batch.
    const clear = clearOtherDefaults(db, userId, id, now).toSQL();
    const [inserted] = await c.env.DB.batch([
      c.env.DB.prepare(
        `INSERT INTO sender_profiles
           (id, user_id, profile_name, sender_data, description, is_default, created_at, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?5,
           CASE WHEN ?6 = 1 OR NOT EXISTS (SELECT 1 FROM sender_profiles WHERE user_id = ?2 AND is_default = 1)
           THEN 1 ELSE 0 END,
           ?7, ?7
         WHERE (SELECT count(*) FROM sender_profiles WHERE user_id = ?2) < ?8`,
      ).bind(
        id,
        userId,
        body.profile_name,
        JSON.stringify(body.sender_data),
        body.description ?? null,
        body.is_default ? 1 : 0,
        now.getTime(),
        MAX_SENDER_PROFILES,
      ),
      c.env.DB.prepare(clear.sql).bind(...clear.params),
    ]);
    if (!inserted || inserted.meta.changes === 0) {
      throw new ApiError(
        "LIMIT_REACHED",
        `A user has at most ${MAX_SENDER_PROFILES} sender profiles; delete one first`,
      );
    }
    // A new profile cannot be in any campaign yet.
    return c.json(serializeSenderProfile(await loadSenderProfile(db, userId, id), 0), 201);
  });
}
