import { AdminUserCreate, AdminUserCreated, toTimestamp } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { createUserWithKey } from "../../lib/api-keys";
import { getDb } from "../../lib/db";
import { log } from "../../lib/log";
import type { App } from "../../router";
import { serializeApiKey } from "../api-keys/serialize";
import { adminErrors, adminSecurity } from "./errors";

const route = createRoute({
  method: "post",
  path: "/api/v1/admin/users",
  tags: ["Admin"],
  summary: "Create a user and its first API key (operator only); the raw key is in this response only",
  description:
    "Authenticated with the deployment's ADMIN_TOKEN secret, not with a user's API key. The new key then works on every tenant route (`GET /api/v1/auth/me`). Audited in the logs as `admin.user_created` (ids and key prefix, never the key).",
  security: adminSecurity,
  request: { body: { content: { "application/json": { schema: AdminUserCreate } }, required: false } },
  responses: {
    201: {
      description: "The user and its key, shown once",
      content: { "application/json": { schema: AdminUserCreated } },
    },
    ...adminErrors,
  },
});

export function registerAdminCreateUser(app: App) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json") ?? { key_name: "default" };
    const created = await createUserWithKey(getDb(c.env.DB), {
      email: body.email ?? null,
      name: body.name ?? null,
      keyName: body.key_name ?? "default",
    });
    log("info", "admin.user_created", {
      request_id: c.get("requestId"),
      actor: "admin",
      source_ip: c.get("adminSourceIp"),
      user_id: created.userId,
      api_key_id: created.keyId,
      key_prefix: created.keyRow.keyPrefix,
    });
    return c.json(
      {
        user: {
          user_id: created.user.id,
          email: created.user.email,
          name: created.user.name,
          created_at: toTimestamp(created.user.createdAt),
        },
        api_key: {
          ...serializeApiKey({
            ...created.keyRow,
            lastUsedAt: null,
            revokedAt: null,
            rateLimitPerMinute: null,
          }),
          key: created.key,
        },
      },
      201,
    );
  });
}
