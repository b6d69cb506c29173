import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { type AppEnv, intVar } from "../env";
import { ApiError } from "../errors";

const DEFAULT_PER_MINUTE = 6000;

/**
 * Counts one request against the RateLimiter object named `name` (one fixed window a minute). Returns
 * the X-RateLimit-* headers for the response; beyond the limit throws 429 RATE_LIMITED with Retry-After.
 */
export async function countRequest(
  c: Context<AppEnv>,
  name: string,
  limit: number,
): Promise<Record<string, string>> {
  const limiter = c.env.RATE_LIMITER.get(c.env.RATE_LIMITER.idFromName(name));
  const decision = await limiter.hit(limit);
  const headers = {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(decision.resetAt),
  };
  if (!decision.allowed) {
    const retryAfter = Math.max(1, decision.resetAt - Math.floor(Date.now() / 1000));
    throw new ApiError(
      "RATE_LIMITED",
      `Rate limit of ${decision.limit} requests a minute exceeded`,
      undefined,
      {
        ...headers,
        "Retry-After": String(retryAfter),
      },
    );
  }
  return headers;
}

/** Per-key limit; headers on every authenticated response, 429 RATE_LIMITED with Retry-After beyond it. */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const limit = c.get("keyRateLimit") ?? intVar(c.env.RATE_LIMIT_PER_MINUTE, DEFAULT_PER_MINUTE);
  const headers = await countRequest(c, c.get("apiKeyId"), limit);
  await next();
  for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
});
