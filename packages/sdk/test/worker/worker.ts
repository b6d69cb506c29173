// Reaching the real Worker from SDK tests: its entry point as the SDK's fetch, and fresh users.

import { env, exports } from "cloudflare:workers";
import { createUserWithKey } from "@cadence/api/src/lib/api-keys";
import { getDb } from "@cadence/api/src/lib/db";
import { type CadenceOptions, createCadence } from "../../src/index";

export const BASE_URL = "http://cadence.test";

/** The Worker's own fetch handler: each request goes through its entry point, D1 and Durable Objects. */
export const workerFetch = (request: Request) => exports.default.fetch(request);

/** A fresh user with one key; every test makes its own so tests never share state. */
export function newUser() {
  return createUserWithKey(getDb(env.DB), { email: `${crypto.randomUUID()}@example.test` });
}

/** A client for `apiKey` that talks to the Worker in-process. */
export function clientFor(apiKey: string, options: Partial<CadenceOptions> = {}) {
  return createCadence({ apiKey, baseUrl: BASE_URL, fetch: workerFetch, ...options });
}
