// Retries and idempotency against the real Worker: a rate-limited key, a response lost on the way
// back, a gateway error in front of the Worker.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CadenceApiError, CadenceConnectionError, type RetryEvent } from "../../src/index";
import { clientFor, newUser, workerFetch } from "./worker";

const template = { name: "Opener", content: { subject: "Hi {{first_name}}", body: "Hello {{first_name}}" } };

async function setKeyRateLimit(keyId: string, perMinute: number | null) {
  await env.DB.prepare("UPDATE api_keys SET rate_limit_per_minute = ? WHERE id = ?")
    .bind(perMinute, keyId)
    .run();
}

async function templateCount(apiKey: string) {
  const list = await clientFor(apiKey).get("/api/v1/templates/");
  return list.total;
}

describe("429 RATE_LIMITED", () => {
  it("waits the Retry-After the Worker sent, then retries and succeeds", async () => {
    const { key, keyId } = await newUser();
    await setKeyRateLimit(keyId, 1);
    const answers: { status: number; retryAfter: string | null }[] = [];
    const waits: number[] = [];
    const retries: RetryEvent[] = [];
    const cadence = clientFor(key, {
      fetch: async (request) => {
        const res = await workerFetch(request);
        answers.push({ status: res.status, retryAfter: res.headers.get("retry-after") });
        return res;
      },
      retry: {
        onRetry: (event) => retries.push(event),
        // Instead of sleeping up to a minute for the window to roll over, the key's limit is lifted
        // while the client waits: the retry then passes, which it could not have done without waiting.
        sleep: async (ms) => {
          waits.push(ms);
          await setKeyRateLimit(keyId, null);
        },
      },
    });

    await cadence.get("/api/v1/auth/me");
    const me = await cadence.get("/api/v1/auth/me");

    expect(me.user_id).toBeTruthy();
    expect(answers.map((a) => a.status)).toEqual([200, 429, 200]);
    const retryAfter = Number(answers[1]!.retryAfter);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(waits).toEqual([retryAfter * 1000]);
    expect(retries).toMatchObject([
      { retry: 1, reason: "rate_limited", status: 429, delayMs: retryAfter * 1000 },
    ]);
  });

  it("surfaces a Retry-After longer than allowed as a typed error instead of waiting", async () => {
    const { key, keyId } = await newUser();
    await setKeyRateLimit(keyId, 1);
    const cadence = clientFor(key, {
      retry: { maxRetryAfterMs: 0, sleep: () => Promise.reject(new Error("slept")) },
    });
    await cadence.get("/api/v1/auth/me");
    const error = await cadence.get("/api/v1/auth/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CadenceApiError);
    expect(error).toMatchObject({ status: 429, detail: "RATE_LIMITED" });
    expect(Number((error as CadenceApiError).headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});

/** A fetch that lets the first POST reach the Worker, reads its whole response, then fails as if the connection dropped. */
function losingFirstPostResponse() {
  const posts: { idempotencyKey: string | null; status?: number }[] = [];
  const fetch = async (request: Request) => {
    if (request.method !== "POST") return workerFetch(request);
    const seen: (typeof posts)[number] = { idempotencyKey: request.headers.get("idempotency-key") };
    posts.push(seen);
    const res = await workerFetch(request);
    seen.status = res.status;
    if (posts.length === 1) {
      await res.arrayBuffer();
      throw new TypeError("fetch failed", { cause: new Error("socket hang up") });
    }
    return res;
  };
  return { fetch, posts };
}

describe("a POST whose response was lost", () => {
  it("is retried with the same Idempotency-Key and replays the first response: one resource", async () => {
    const { key } = await newUser();
    const { fetch, posts } = losingFirstPostResponse();
    const cadence = clientFor(key, { fetch, retry: { baseDelayMs: 1 } });

    const { data, response } = await cadence.raw.POST("/api/v1/templates/", { body: template });

    expect(response.status).toBe(201);
    expect(response.headers.get("idempotent-replayed")).toBe("true");
    expect(posts).toHaveLength(2);
    expect(posts[0]!.status).toBe(201);
    expect(posts[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]!.idempotencyKey).toBe(posts[0]!.idempotencyKey);
    expect(data?.name).toBe("Opener");
    expect(await templateCount(key)).toBe(1);
  });

  it("is not retried without an Idempotency-Key, since it may have been executed", async () => {
    const { key } = await newUser();
    const { fetch, posts } = losingFirstPostResponse();
    const cadence = clientFor(key, { fetch, idempotencyKeys: false, retry: { baseDelayMs: 1 } });

    const error = await cadence.post("/api/v1/templates/", { body: template }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CadenceConnectionError);
    expect((error as CadenceConnectionError).attempts).toBe(1);
    expect(posts).toEqual([{ idempotencyKey: null, status: 201 }]);
    expect(await templateCount(key)).toBe(1);
  });

  it("keeps a key the caller chose, on every attempt", async () => {
    const { key } = await newUser();
    const { fetch, posts } = losingFirstPostResponse();
    const cadence = clientFor(key, { fetch, retry: { baseDelayMs: 1 } });
    await cadence.post("/api/v1/templates/", { body: template, headers: { "Idempotency-Key": "import-42" } });
    expect(posts.map((p) => p.idempotencyKey)).toEqual(["import-42", "import-42"]);
    expect(await templateCount(key)).toBe(1);
  });
});

describe("5xx from a gateway in front of the Worker", () => {
  /** Answers the first `failures` requests 502 without reaching the Worker, as a proxy would. */
  function flakyGateway(failures: number) {
    let calls = 0;
    return {
      calls: () => calls,
      fetch: async (request: Request) =>
        ++calls <= failures
          ? new Response("<html>bad gateway</html>", { status: 502 })
          : workerFetch(request),
    };
  }

  it("backs off and retries a GET, within maxRetries", async () => {
    const { key } = await newUser();
    const gateway = flakyGateway(2);
    const retries: RetryEvent[] = [];
    const cadence = clientFor(key, {
      fetch: gateway.fetch,
      retry: { baseDelayMs: 4, maxDelayMs: 8, onRetry: (e) => retries.push(e) },
    });
    const me = await cadence.get("/api/v1/auth/me");
    expect(me.user_id).toBeTruthy();
    expect(gateway.calls()).toBe(3);
    expect(retries.map((r) => [r.reason, r.status])).toEqual([
      ["server_error", 502],
      ["server_error", 502],
    ]);
    // Equal jitter: half of each exponential step is fixed, and no step exceeds maxDelayMs.
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(2);
    expect(retries[1]!.delayMs).toBeGreaterThanOrEqual(4);
    expect(retries.every((r) => r.delayMs <= 8)).toBe(true);
  });

  it("gives up after maxRetries with a typed error carrying the gateway's answer", async () => {
    const { key } = await newUser();
    const gateway = flakyGateway(10);
    const cadence = clientFor(key, { fetch: gateway.fetch, retry: { maxRetries: 2, baseDelayMs: 1 } });
    const error = await cadence.get("/api/v1/auth/me").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, detail: "HTTP_502", message: "<html>bad gateway</html>" });
    expect(gateway.calls()).toBe(3);
  });

  it("does not retry a POST sent without an Idempotency-Key", async () => {
    const { key } = await newUser();
    const gateway = flakyGateway(1);
    const cadence = clientFor(key, {
      fetch: gateway.fetch,
      idempotencyKeys: false,
      retry: { baseDelayMs: 1 },
    });
    await expect(cadence.post("/api/v1/templates/", { body: template })).rejects.toMatchObject({
      status: 502,
    });
    expect(gateway.calls()).toBe(1);
  });
});
