import { type TemplateResponse, toTimestamp } from "@cadence/contract";
import type { templates } from "@cadence/db";

/** D1 row -> TemplateResponse (subject and body are stored as columns, returned under `content`). */
export function serializeTemplate(row: typeof templates.$inferSelect): TemplateResponse {
  return {
    template_id: row.id,
    name: row.name,
    content: { subject: row.subject, body: row.body },
    created_at: toTimestamp(row.createdAt),
    updated_at: toTimestamp(row.updatedAt),
  };
}
