import { TemplateIdParam, TemplatePreview, TemplatePreviewRequest } from "@cadence/contract";
import { renderTemplate, TemplateRenderError, TemplateSyntaxError } from "@cadence/templating";
import { createRoute } from "@hono/zod-openapi";
import { leadSeed } from "../../campaign/sequence";
import { datasetLead } from "../../datasets/lead";
import { commonErrors, errorResponses, validationError } from "../../errors";
import { type Db, getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadTemplate } from "./load";

const route = createRoute({
  method: "post",
  path: "/api/v1/templates/{template_id}/preview",
  tags: ["Templates"],
  summary: "Render a template for one dataset row or for literal data",
  description:
    "A dataset row renders with the same spintax choices as the real send to that lead. `{{ unsubscribe_url }}` renders as `<origin>/u/preview`.",
  request: {
    params: TemplateIdParam,
    body: { content: { "application/json": { schema: TemplatePreviewRequest } }, required: true },
  },
  responses: {
    200: {
      description: "The rendered template",
      content: { "application/json": { schema: TemplatePreview } },
    },
    ...commonErrors,
    404: errorResponses[404],
    409: errorResponses[409],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

/** The row's data and spintax seed: the seed of a dataset row is the one the campaign object uses. */
async function previewInput(db: Db, userId: string, req: TemplatePreviewRequest) {
  if (req.data) {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.data)) if (v !== null) data[k] = String(v);
    const email = req.data.email;
    const seedSource = typeof email === "string" && email !== "" ? email : req.data;
    return { data, seed: `preview:${JSON.stringify(seedSource)}` };
  }
  const datasetId = req.dataset_id!;
  const rowIndex = req.row_index!;
  return { data: await datasetLead(db, userId, datasetId, rowIndex), seed: leadSeed(datasetId, rowIndex) };
}

export function registerPreviewTemplate(app: App) {
  app.openapi(route, async (c) => {
    const db = getDb(c.env.DB);
    const userId = c.get("userId");
    const req = c.req.valid("json");
    const template = await loadTemplate(db, userId, c.req.valid("param").template_id);
    const { data, seed } = await previewInput(db, userId, req);
    const base = (c.env.PUBLIC_BASE_URL ?? new URL(c.req.url).origin).replace(/\/+$/, "");
    try {
      // No `html` option: the engine's own detection, exactly as composeEmail decides it.
      const out = renderTemplate({ subject: template.subject, body: template.body }, data, {
        seed,
        reserved: { unsubscribe_url: `${base}/u/preview` },
      });
      return c.json({ subject: out.subject, body: out.body, missing_fields: out.missingFields }, 200);
    } catch (error) {
      // Templates written through this API are validated; one stored otherwise may still fail here.
      if (error instanceof TemplateSyntaxError) {
        throw validationError(
          [
            {
              loc: ["template", "content", error.field ?? "body"],
              msg: error.message,
              type: "template_syntax",
            },
          ],
          "The stored template is invalid; fix it with PATCH",
        );
      }
      if (error instanceof TemplateRenderError) {
        throw validationError(
          [{ loc: ["body", req.data ? "data" : "row_index"], msg: error.message, type: "template_render" }],
          "The template could not be rendered with this data",
        );
      }
      throw error;
    }
  });
}
