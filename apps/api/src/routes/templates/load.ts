import { LIVE_STATUSES, type TemplateContent } from "@cadence/contract";
import { templates } from "@cadence/db";
import { validateTemplate } from "@cadence/templating";
import { and, eq, sql } from "drizzle-orm";
import { notFound, validationError } from "../../errors";
import type { Db } from "../../lib/db";

/** The user's template, or 404 (another user's id is indistinguishable from a missing one). */
export async function loadTemplate(db: Db, userId: string, templateId: string) {
  const row = await db
    .select()
    .from(templates)
    .where(and(eq(templates.id, templateId), eq(templates.userId, userId)))
    .get();
  if (!row) throw notFound("Template");
  return row;
}

/** 422 with the engine's message (line and column when it knows them) unless the content parses. */
export function assertTemplateValid(content: TemplateContent) {
  const result = validateTemplate(content);
  if (!result.ok) {
    throw validationError([
      { loc: ["body", "content", result.field], msg: result.error, type: "template_syntax" },
    ]);
  }
}

/** Live campaigns (a few, oldest first) with a step variant that names the template. */
export function liveCampaignsUsingTemplate(db: Db, userId: string, templateId: string) {
  return db.all<{ id: string; name: string }>(sql`
    SELECT DISTINCT c.id AS id, c.name AS name, c.created_at
    FROM campaigns c, json_each(c.steps_config) s, json_each(s.value, '$.variants') v
    WHERE c.user_id = ${userId}
      AND c.status IN (SELECT value FROM json_each(${JSON.stringify(LIVE_STATUSES)}))
      AND v.value ->> 'template_id' = ${templateId}
    ORDER BY c.created_at
    LIMIT 3`);
}
