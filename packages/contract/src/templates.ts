import { z } from "@hono/zod-openapi";
import { PaginationQuery, paginated, Timestamp, Uuid } from "./common";

/** The templating engine's own bound (TEMPLATE_LIMITS.maxSourceChars); stated here so the document shows it. */
export const TEMPLATE_MAX_CHARS = 100_000;

const subject = z.string().max(TEMPLATE_MAX_CHARS).openapi({
  description:
    "One line. Merge fields and spintax allowed. Empty on a follow-up step means `Re:` + the first step's subject.",
  example: "{Quick question|Idea} for {{ company }}",
});
const body = z.string().min(1).max(TEMPLATE_MAX_CHARS).openapi({
  description:
    "Plain text or HTML (any tag makes it HTML: merge values are then HTML-escaped). `{{ unsubscribe_url }}` prints the lead's one-click unsubscribe link.",
  example: '{Hi|Hello} {{ first_name | default: "there" }},\n\n...\n\nUnsubscribe: {{ unsubscribe_url }}',
});

export const TemplateContent = z.object({ subject, body }).openapi("TemplateContent");
export type TemplateContent = z.infer<typeof TemplateContent>;

export const TemplateCreate = z
  .object({ name: z.string().trim().min(1).max(255), content: TemplateContent })
  .openapi("TemplateCreate");
export type TemplateCreate = z.infer<typeof TemplateCreate>;

/** PATCH: omitted = unchanged, also inside `content` (send only `content.subject` to change the subject). */
export const TemplateUpdate = z
  .object({
    name: z.string().trim().min(1).max(255).optional(),
    content: z.object({ subject: subject.optional(), body: body.optional() }).strict().optional(),
  })
  .strict()
  .openapi("TemplateUpdate");
export type TemplateUpdate = z.infer<typeof TemplateUpdate>;

export const TemplateResponse = z
  .object({
    template_id: Uuid,
    name: z.string(),
    content: TemplateContent,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("TemplateResponse");
export type TemplateResponse = z.infer<typeof TemplateResponse>;

export const TemplateListQuery = PaginationQuery.extend({
  name: z.string().max(255).optional().openapi({ description: "case-insensitive substring of the name" }),
});

export const TemplateList = paginated(TemplateResponse).openapi("TemplateList");

export const TemplateIdParam = z.object({
  template_id: Uuid.openapi({ param: { name: "template_id", in: "path" } }),
});

const PreviewValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Either a dataset row (`dataset_id` + `row_index`, 1-based) or literal `data`. */
export const TemplatePreviewRequest = z
  .object({
    dataset_id: Uuid.optional(),
    row_index: z.number().int().min(1).optional(),
    data: z
      .record(z.string(), PreviewValue)
      .optional()
      .openapi({ example: { first_name: "Ada" } }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.data !== undefined) {
      if (b.dataset_id !== undefined || b.row_index !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["data"],
          message: "give either data or dataset_id with row_index, not both",
        });
      }
      return;
    }
    if (b.dataset_id === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["dataset_id"],
        message: "dataset_id is required unless data is given",
      });
    }
    if (b.row_index === undefined) {
      ctx.addIssue({ code: "custom", path: ["row_index"], message: "row_index is required with dataset_id" });
    }
  })
  .openapi("TemplatePreviewRequest");
export type TemplatePreviewRequest = z.infer<typeof TemplatePreviewRequest>;

export const TemplatePreview = z
  .object({
    subject: z.string(),
    body: z.string(),
    missing_fields: z.array(z.string()).openapi({
      description: "Fields printed without a default whose value is missing or empty, first appearance first",
    }),
  })
  .openapi("TemplatePreview");
export type TemplatePreview = z.infer<typeof TemplatePreview>;
