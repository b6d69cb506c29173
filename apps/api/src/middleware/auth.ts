import { apiKeys } from "@cadence/db";
import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { sha256Hex } from "../lib/crypto";
import { getDb } from "../lib/db";

// last_used_at is informational: write it at most once a minute per key, off the request path.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Bearer API key -> user. Unknown, malformed and revoked keys are all 401 UNAUTHORIZED. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  const match = header ? /^Bearer\s+(\S{8,256})\s*$/i.exec(header) : null;
  if (!match) {
    throw new ApiError(
      "UNAUTHORIZED",
      header ? "Authorization must be 'Bearer <api key>'" : "Missing Authorization header",
    );
  }
  const db = getDb(c.env.DB);
  const key = await db
    .select({
      id: apiKeys.id,
      userId: apiKeys.userId,
      lastUsedAt: apiKeys.lastUsedAt,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, await sha256Hex(match[1]!)), isNull(apiKeys.revokedAt)))
    .get();
  if (!key) throw new ApiError("UNAUTHORIZED", "Invalid or revoked API key");
  c.set("userId", key.userId);
  c.set("apiKeyId", key.id);
  c.set("keyRateLimit", key.rateLimitPerMinute);
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    c.executionCtx.waitUntil(
      db
        .update(apiKeys)
        .set({ lastUsedAt: new Date(now) })
        .where(eq(apiKeys.id, key.id))
        .run(),
    );
  }
  await next();
});
