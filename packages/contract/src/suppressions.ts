import { z } from "@hono/zod-openapi";
import { PaginationQuery, paginated, Timestamp, Uuid } from "./common";

export const MAX_SUPPRESSIONS_PER_REQUEST = 1000;

export const SuppressionKind = z.enum(["email", "domain"]);
export type SuppressionKind = z.infer<typeof SuppressionKind>;

export const Suppression = z
  .object({
    suppression_id: Uuid,
    value: z.string().openapi({ description: "Lower-cased address or domain", example: "ada@example.com" }),
    kind: SuppressionKind,
    created_at: Timestamp,
  })
  .openapi("Suppression");
export type Suppression = z.infer<typeof Suppression>;

// Longest address (RFC 5321 path limit) plus room for surrounding whitespace, which is trimmed.
const value = z.string().max(320).openapi({ example: "ada@example.com" });

/** One `value` (an address or a whole domain), or up to 1000 `values` at once. */
export const SuppressionCreate = z
  .object({
    value: value.optional(),
    values: z.array(value).min(1).max(MAX_SUPPRESSIONS_PER_REQUEST).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.value === undefined) === (b.values === undefined)) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "give exactly one of value or values" });
    }
  })
  .openapi("SuppressionCreate");
export type SuppressionCreate = z.infer<typeof SuppressionCreate>;

export const SuppressionBulkResult = z
  .object({
    items: z.array(Suppression).openapi({ description: "One per distinct value, in request order" }),
    created: z.number().int(),
    existing: z.number().int(),
  })
  .openapi("SuppressionBulkResult");
export type SuppressionBulkResult = z.infer<typeof SuppressionBulkResult>;

export const SuppressionListQuery = PaginationQuery.extend({
  q: z.string().max(320).optional().openapi({ description: "case-insensitive substring of the value" }),
});

export const SuppressionList = paginated(Suppression).openapi("SuppressionList");

export const SuppressionIdParam = z.object({
  suppression_id: Uuid.openapi({ param: { name: "suppression_id", in: "path" } }),
});
