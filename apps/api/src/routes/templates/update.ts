import { TemplateIdParam, TemplateResponse, TemplateUpdate } from "@cadence/contract";
import { templates } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { ApiError, commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { assertTemplateValid, loadTemplate } from "./load";
import { serializeTemplate } from "./serialize";

const route = createRoute({
  method: "patch",
  path: "/api/v1/templates/{template_id}",
  tags: ["Templates"],
  summary: "Update a template (omitted = unchanged)",
  description:
    "Launched campaigns keep the content they were launched with; an edit applies to drafts and later launches.",
  request: {
    params: TemplateIdParam,
    body: { content: { "application/json": { schema: TemplateUpdate } }, required: true },
  },
  responses: {
    200: {
      description: "The updated template",
      content: { "application/json": { schema: TemplateResponse } },
    },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
    415: errorResponses[415],
  },
});

export function registerUpdateTemplate(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const { template_id } = c.req.valid("param");
    const patch = c.req.valid("json");
    const current = await loadTemplate(db, c.get("userId"), template_id);
    const content = {
      subject: patch.content?.subject ?? current.subject,
      body: patch.content?.body ?? current.body,
    };
    if (patch.content) assertTemplateValid(content);
    // Guard on updated_at: two PATCHes of different parts must not silently undo each other.
    const row = await db
      .update(templates)
      .set({ name: patch.name ?? current.name, ...content, updatedAt: new Date() })
      .where(and(eq(templates.id, template_id), eq(templates.updatedAt, current.updatedAt)))
      .returning()
      .get();
    if (!row) throw new ApiError("CONFLICT", "The template changed while it was being updated; retry");
    return c.json(serializeTemplate(row), 200);
  });
}
