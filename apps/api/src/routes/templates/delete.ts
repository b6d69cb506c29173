import { TemplateIdParam } from "@cadence/contract";
import { templates } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { ApiError, commonErrors, errorResponses, notFound } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { liveCampaignsUsingTemplate, loadTemplate } from "./load";

const route = createRoute({
  method: "delete",
  path: "/api/v1/templates/{template_id}",
  tags: ["Templates"],
  summary: "Delete a template",
  description:
    "409 RESOURCE_IN_USE while a live campaign (launching, scheduled, active, draining, paused) uses it. Drafts may reference a deleted template; their preflight reports it missing.",
  request: { params: TemplateIdParam },
  responses: {
    204: { description: "Deleted" },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export function registerDeleteTemplate(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const { template_id } = c.req.valid("param");
    await loadTemplate(db, userId, template_id);
    // A live campaign sends its own frozen copy, so deleting would not break it; it would only surprise.
    const users = await liveCampaignsUsingTemplate(db, userId, template_id);
    if (users.length > 0) {
      const names = users.map((u) => `'${u.name}' (${u.id})`).join(", ");
      throw new ApiError("RESOURCE_IN_USE", `The template is used by live campaigns: ${names}`);
    }
    const deleted = await db
      .delete(templates)
      .where(and(eq(templates.id, template_id), eq(templates.userId, userId)))
      .returning({ id: templates.id })
      .get();
    if (!deleted) throw notFound("Template");
    return c.body(null, 204);
  });
}
