import { SenderProfileIdParam, SenderProfileResponse, SenderProfileUpdate } from "@cadence/contract";
import { senderProfiles } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { commonErrors, errorResponses, notFound, validationError } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { clearOtherDefaults, loadSenderProfile, usageCounts } from "./load";
import { serializeSenderProfile } from "./serialize";

const route = createRoute({
  method: "patch",
  path: "/api/v1/sender-profiles/{sender_profile_id}",
  tags: ["Sender profiles"],
  summary: "Update a sender profile (omitted = unchanged, null clears)",
  description:
    "`is_default: true` makes it the default and clears the others. `is_default: false` on the default is 422: make another profile the default instead.",
  request: {
    params: SenderProfileIdParam,
    body: { content: { "application/json": { schema: SenderProfileUpdate } }, required: true },
  },
  responses: {
    200: {
      description: "The updated sender profile",
      content: { "application/json": { schema: SenderProfileResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    415: errorResponses[415],
  },
});

export function registerUpdateSenderProfile(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { sender_profile_id: id } = c.req.valid("param");
    const patch = c.req.valid("json");
    const current = await loadSenderProfile(db, userId, id);
    if (patch.is_default === false && current.isDefault) {
      // Exactly one default at all times; which one takes over is the user's choice, not ours.
      throw validationError([
        {
          loc: ["body", "is_default"],
          msg: "the default profile stays the default until another profile is made the default",
          type: "default_required",
        },
      ]);
    }
    const now = new Date();
    const [[row]] = await db.batch([
      db
        .update(senderProfiles)
        .set({
          ...(patch.profile_name !== undefined ? { profileName: patch.profile_name } : {}),
          ...(patch.sender_data !== undefined ? { senderData: patch.sender_data } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.is_default ? { isDefault: true } : {}),
          updatedAt: now,
        })
        .where(and(eq(senderProfiles.id, id), eq(senderProfiles.userId, userId)))
        .returning(),
      clearOtherDefaults(db, userId, id, now),
    ]);
    if (!row) throw notFound("Sender profile");
    const usage = await usageCounts(db, userId, [id]);
    return c.json(serializeSenderProfile(row, usage.get(id) ?? 0), 200);
  });
}
