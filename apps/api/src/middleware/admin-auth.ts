import { createMiddleware } from "hono/factory";
import { type AppEnv, intVar } from "../env";
import { ApiError } from "../errors";
import { log } from "../lib/log";
import { countRequest } from "./rate-limit";

const DEFAULT_ADMIN_PER_MINUTE = 30;

/** The caller's address as Cloudflare's edge saw it (a client cannot set this header through it). */
export function sourceIp(headers: Headers): string {
  return headers.get("cf-connecting-ip") ?? "unknown";
}

/** Compares in constant time: both sides are hashed first, so neither length nor content leaks. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", enc.encode(given)),
    crypto.subtle.digest("SHA-256", enc.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * The operator's door, `/api/v1/admin/*`: only the ADMIN_TOKEN secret opens it (never a user's API
 * key; and the token opens nothing else, since tenant routes look keys up in `api_keys`). Without
 * ADMIN_TOKEN the routes are disabled (403 ADMIN_DISABLED). Requests are counted per source IP before
 * the token is checked, so guessing it is bounded by the rate limit; refusals are logged.
 */
export const adminAuthenticate = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_TOKEN?.trim();
  if (!expected) {
    throw new ApiError(
      "ADMIN_DISABLED",
      "The admin API is disabled on this deployment: set the ADMIN_TOKEN secret to enable it",
    );
  }
  const ip = sourceIp(c.req.raw.headers);
  const headers = await countRequest(
    c,
    `admin-ip:${ip}`,
    intVar(c.env.ADMIN_RATE_LIMIT_PER_MINUTE, DEFAULT_ADMIN_PER_MINUTE),
  );
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(c.req.header("authorization") ?? "");
  if (!match || !(await sameSecret(match[1]!, expected))) {
    log("warn", "admin.auth_refused", {
      request_id: c.get("requestId"),
      source_ip: ip,
      path: c.req.path,
      reason: match ? "wrong token" : "no bearer token",
    });
    throw new ApiError("UNAUTHORIZED", "Invalid or missing admin token", undefined, headers);
  }
  c.set("adminSourceIp", ip);
  await next();
  for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
});
