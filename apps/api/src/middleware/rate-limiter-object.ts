import { DurableObject } from "cloudflare:workers";

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the current window ends. */
  resetAt: number;
}

/**
 * One per API key: a fixed one-minute window counter. Kept in memory on purpose: losing a window's
 * count when the object is evicted only ever errs towards letting a request through.
 */
export class RateLimiter extends DurableObject {
  private windowStart = 0;
  private count = 0;

  hit(limit: number, now = Date.now()): RateLimitDecision {
    const windowStart = now - (now % 60_000);
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.count = 0;
    }
    const allowed = this.count < limit;
    if (allowed) this.count++;
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - this.count),
      resetAt: Math.ceil((windowStart + 60_000) / 1000),
    };
  }
}
