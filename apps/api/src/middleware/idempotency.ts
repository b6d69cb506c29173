import { idempotencyKeys } from "@cadence/db";
import { and, eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { toHex } from "../lib/crypto";
import { getDb } from "../lib/db";
import { decryptSecret, encryptSecret } from "../lib/secrets";

const KEEP_MS = 24 * 60 * 60 * 1000;
/** A first request that has not finished after this long is presumed dead and its key may be taken over. */
const IN_FLIGHT_TAKEOVER_MS = 10 * 60 * 1000;
const encoder = new TextEncoder();

/**
 * Idempotency-Key on POST: the first response (below 500) is kept 24 h and replayed for the same
 * request; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED; while the first is still
 * running, 409 IDEMPOTENCY_KEY_IN_USE. The request fingerprint is SHA-256 over method, path and body,
 * computed while the body streams through, so large uploads are never buffered for it.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (key.length < 1 || key.length > 255) {
    throw new ApiError("VALIDATION_ERROR", "The request failed validation", [
      { loc: ["header", "Idempotency-Key"], msg: "must be 1..255 characters", type: "string_length" },
    ]);
  }
  const db = getDb(c.env.DB);
  const userId = c.get("userId");
  const now = Date.now();
  const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));

  const existing = await db.select().from(idempotencyKeys).where(where).get();
  if (existing && existing.expiresAt.getTime() > now) {
    const inFlight = existing.responseStatus === null;
    if (inFlight && now - existing.createdAt.getTime() < IN_FLIGHT_TAKEOVER_MS) {
      throw new ApiError(
        "IDEMPOTENCY_KEY_IN_USE",
        "A request with this Idempotency-Key is still being processed",
      );
    }
    if (!inFlight) {
      const fingerprint = await fingerprintOf(c.req.method, c.req.path, c.req.raw.body);
      if (fingerprint !== existing.requestHash) {
        throw new ApiError(
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used with a different request",
        );
      }
      const body = existing.responseBody ? await decryptSecret(c.env, existing.responseBody) : "";
      return c.body(body, existing.responseStatus as 200, {
        "Content-Type": existing.responseContentType ?? "application/json",
        "Idempotent-Replayed": "true",
      });
    }
  }

  // Claim the key. The conditional upsert only takes over an expired or abandoned claim, so two racing
  // first requests cannot both proceed.
  const claimed = await c.env.DB.prepare(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, created_at, expires_at)
     VALUES (?1, ?2, '', ?3, ?4)
     ON CONFLICT (user_id, key) DO UPDATE SET request_hash = '', response_status = NULL, response_body = NULL,
       response_content_type = NULL, created_at = excluded.created_at, expires_at = excluded.expires_at
     WHERE idempotency_keys.expires_at <= ?3
        OR (idempotency_keys.response_status IS NULL AND idempotency_keys.created_at <= ?5)
     RETURNING key`,
  )
    .bind(userId, key, now, now + KEEP_MS, now - IN_FLIGHT_TAKEOVER_MS)
    .first();
  if (!claimed) {
    throw new ApiError(
      "IDEMPOTENCY_KEY_IN_USE",
      "A request with this Idempotency-Key is still being processed",
    );
  }

  const digest = fingerprintStream(c.req.method, c.req.path, c.req.raw.body);
  if (digest.body) c.req.raw = new Request(c.req.raw, { body: digest.body, duplex: "half" } as RequestInit);
  // hono turns handler errors into responses, so next() resolves with c.res set either way.
  await next();
  // Keep nothing after a server error (nothing durable was promised) or when the handler stopped
  // reading the body early (it rejected it): a retry with the same key runs again.
  const requestHash = c.res.status < 500 ? await digest.result() : null;
  if (requestHash === null) {
    await db.delete(idempotencyKeys).where(where);
    return;
  }
  await db
    .update(idempotencyKeys)
    .set({
      requestHash,
      responseStatus: c.res.status,
      // Encrypted at rest: some first responses carry a secret shown once (a new API key, a webhook secret).
      responseBody: await encryptSecret(c.env, await c.res.clone().text()),
      responseContentType: c.res.headers.get("content-type"),
    })
    .where(where);
});

/**
 * Hashes method, path and the body as it streams through, without holding it. `result()` is null when
 * the body was not read to its end.
 */
function fingerprintStream(method: string, path: string, body: ReadableStream<Uint8Array> | null) {
  const digestStream = new crypto.DigestStream("SHA-256");
  const writer = digestStream.getWriter();
  const head = writer.write(encoder.encode(`${method} ${path}\n`));
  let closed: Promise<void> | null = body ? null : head.then(() => writer.close());
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      await writer.write(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      closed = head.then(() => writer.close());
      return closed;
    },
  });
  return {
    body: body ? body.pipeThrough(tap) : null,
    result: async (): Promise<string | null> => {
      if (!closed) return null;
      await closed;
      return toHex(await digestStream.digest);
    },
  };
}

async function fingerprintOf(method: string, path: string, body: ReadableStream<Uint8Array> | null) {
  const digest = fingerprintStream(method, path, body);
  if (digest.body) {
    const reader = digest.body.getReader();
    while (!(await reader.read()).done) {}
  }
  return digest.result();
}
