import { TemplateIdParam, TemplateResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadTemplate } from "./load";
import { serializeTemplate } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/templates/{template_id}",
  tags: ["Templates"],
  summary: "Get a template",
  request: { params: TemplateIdParam },
  responses: {
    200: { description: "The template", content: { "application/json": { schema: TemplateResponse } } },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerGetTemplate(app: App) {
  app.openapi(route, async (c) => {
    const row = await loadTemplate(getDb(c.env.DB), c.get("userId"), c.req.valid("param").template_id);
    return c.json(serializeTemplate(row), 200);
  });
}
