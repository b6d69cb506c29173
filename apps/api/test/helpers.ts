import { env, exports } from "cloudflare:workers";
import { createUserWithKey } from "../src/lib/api-keys";
import { getDb } from "../src/lib/db";

export const BASE = "http://cadence.test";

/** A fresh user with one key; every test makes its own so tests never share state. */
export async function newUser() {
  return createUserWithKey(getDb(env.DB), { email: `${crypto.randomUUID()}@example.test` });
}

export interface CallOptions {
  key?: string | null;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
}

/** Calls the Worker's real entry point. */
export async function call(method: string, path: string, opts: CallOptions = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: BodyInit | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await exports.default.fetch(new Request(`${BASE}${path}`, { method, headers, body }));
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** Inserts a ready dataset with the given rows straight into D1 (the import routes are tested on their own). */
export async function seedDataset(userId: string, rows: Record<string, string>[], name = "leads") {
  const id = crypto.randomUUID();
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].map((k) => ({ header: k, key: k }));
  const stmts = [
    env.DB.prepare(
      "INSERT INTO datasets (id, user_id, name, columns, row_count, status, created_at) VALUES (?, ?, ?, ?, ?, 'ready', ?)",
    ).bind(id, userId, name, JSON.stringify(columns), rows.length, Date.now()),
    ...rows.map((r, i) =>
      env.DB.prepare("INSERT INTO dataset_rows (dataset_id, row_index, data) VALUES (?, ?, ?)").bind(
        id,
        i + 1,
        JSON.stringify(r),
      ),
    ),
  ];
  for (let i = 0; i < stmts.length; i += 500) await env.DB.batch(stmts.slice(i, i + 500));
  return id;
}

export async function seedTemplate(userId: string, content: { subject: string; body: string }, name = "t") {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO templates (id, user_id, name, subject, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(id, userId, name, content.subject, content.body, Date.now(), Date.now())
    .run();
  return id;
}

/** A capture alias (the local default transport). */
export async function seedAlias(userId: string, email = "sdr@acme.test", dailyLimit = 1000) {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO aliases (id, user_id, email, display_name, daily_limit, transport, transport_secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)",
  )
    .bind(
      id,
      userId,
      email,
      "Sam Sender",
      dailyLimit,
      JSON.stringify({ kind: "capture" }),
      Date.now(),
      Date.now(),
    )
    .run();
  return id;
}

export async function seedSuppression(userId: string, value: string) {
  await env.DB.prepare(
    "INSERT INTO suppressions (id, user_id, value, kind, created_at) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(
      crypto.randomUUID(),
      userId,
      value.toLowerCase(),
      value.includes("@") ? "email" : "domain",
      Date.now(),
    )
    .run();
}

/** D1 with every statement prepared through it noted, to see what a request made the Worker ask. */
export function recordingD1(db: D1Database, seen: string[]): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare")
        return (query: string) => {
          seen.push(query);
          return target.prepare(query);
        };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
