import {
  Suppression,
  SuppressionBulkResult,
  SuppressionCreate,
  type SuppressionKind,
  type ValidationIssue,
} from "@cadence/contract";
import { suppressions } from "@cadence/db";
import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import { pushSuppressionChange } from "../../campaign/worker/live-push";
import { commonErrors, errorResponses, validationError } from "../../errors";
import { type Db, getDb } from "../../lib/db";
import type { App } from "../../router";
import { serializeSuppression } from "./serialize";
import { parseSuppressionValue } from "./values";

const AddResult = z.union([Suppression, SuppressionBulkResult]);

const route = createRoute({
  method: "post",
  path: "/api/v1/suppressions",
  tags: ["Suppressions"],
  summary: "Suppress an address or a whole domain (or up to 1000 at once)",
  description:
    'Body `{"value": "ada@example.com"}` or `{"value": "example.com"}`; values are trimmed and lower-cased. 201 with the new suppression, or 200 with the existing one when the value is already suppressed. With `{"values": [...]}` the answer is a SuppressionBulkResult (201 when anything was added, else 200); one invalid value rejects the whole request.',
  request: { body: { content: { "application/json": { schema: SuppressionCreate } }, required: true } },
  responses: {
    200: {
      description: "Already suppressed: the existing entry (or entries)",
      content: { "application/json": { schema: AddResult } },
    },
    201: { description: "Added", content: { "application/json": { schema: AddResult } } },
    ...commonErrors,
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

function invalid(loc: (string | number)[]): ValidationIssue {
  return {
    loc,
    msg: "must be an email address or a domain such as example.com",
    type: "invalid_suppression",
  };
}

async function addOne(db: Db, userId: string, value: string, kind: SuppressionKind) {
  const created = await db
    .insert(suppressions)
    .values({ id: crypto.randomUUID(), userId, value, kind, createdAt: new Date() })
    .onConflictDoNothing({ target: [suppressions.userId, suppressions.value] })
    .returning()
    .get();
  if (created) return { row: created, created: true };
  const existing = await db
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.userId, userId), eq(suppressions.value, value)))
    .get();
  // Only a concurrent DELETE between the two statements gets here; the value was suppressed.
  if (!existing) return addOne(db, userId, value, kind);
  return { row: existing, created: false };
}

async function addMany(db: Db, userId: string, entries: { value: string; kind: SuppressionKind }[]) {
  const ids = new Set<string>();
  const rows = entries.map((e) => {
    const id = crypto.randomUUID();
    ids.add(id);
    return [id, e.value, e.kind];
  });
  const values = JSON.stringify(entries.map((e) => e.value));
  // One JSON parameter expanded by json_each: D1 binds at most 100 parameters per statement.
  await db.run(sql`
    INSERT INTO suppressions (id, user_id, value, kind, created_at)
    SELECT value ->> 0, ${userId}, value ->> 1, value ->> 2, ${Date.now()}
    FROM json_each(${JSON.stringify(rows)}) WHERE true
    ON CONFLICT (user_id, value) DO NOTHING`);
  const stored = await db
    .select()
    .from(suppressions)
    .where(
      and(
        eq(suppressions.userId, userId),
        sql`${suppressions.value} IN (SELECT value FROM json_each(${values}))`,
      ),
    );
  const byValue = new Map(stored.map((r) => [r.value, r]));
  // A value removed by a concurrent DELETE since the INSERT is simply left out.
  const items = entries.flatMap((e) => {
    const row = byValue.get(e.value);
    return row ? [row] : [];
  });
  const created = items.filter((r) => ids.has(r.id)).length;
  return { items: items.map(serializeSuppression), created, existing: items.length - created };
}

export function registerCreateSuppression(app: App) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    if (body.value !== undefined) {
      const parsed = parseSuppressionValue(body.value);
      if (!parsed) throw validationError([invalid(["body", "value"])]);
      const { row, created } = await addOne(db, userId, parsed.value, parsed.kind);
      if (created) await pushSuppressionChange(c.env, userId, { added: [row.value] });
      return c.json(serializeSuppression(row), created ? 201 : 200);
    }
    const issues: ValidationIssue[] = [];
    const entries = new Map<string, { value: string; kind: SuppressionKind }>();
    body.values!.forEach((raw, i) => {
      const parsed = parseSuppressionValue(raw);
      if (!parsed) issues.push(invalid(["body", "values", i]));
      else if (!entries.has(parsed.value)) entries.set(parsed.value, parsed);
    });
    if (issues.length > 0) throw validationError(issues);
    const result = await addMany(db, userId, [...entries.values()]);
    if (result.created > 0)
      await pushSuppressionChange(c.env, userId, { added: result.items.map((i) => i.value) });
    return c.json(result, result.created > 0 ? 201 : 200);
  });
}
