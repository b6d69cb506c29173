import { TemplateCreate, TemplateResponse } from "@cadence/contract";
import { templates } from "@cadence/db";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { assertTemplateValid } from "./load";
import { serializeTemplate } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/templates",
  tags: ["Templates"],
  summary: "Create a template",
  description: "The subject and body are checked by the templating engine: a syntax error is 422.",
  request: { body: { content: { "application/json": { schema: TemplateCreate } }, required: true } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: TemplateResponse } } },
    ...commonErrors,
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export function registerCreateTemplate(app: App) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    assertTemplateValid(body.content);
    const now = new Date();
    const row = await getDb(c.env.DB)
      .insert(templates)
      .values({
        id: crypto.randomUUID(),
        userId: c.get("userId"),
        name: body.name,
        subject: body.content.subject,
        body: body.content.body,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return c.json(serializeTemplate(row), 201);
  });
}
