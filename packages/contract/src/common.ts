import { z } from "@hono/zod-openapi";

/** UUID ids, as the seed page shows (`campaign_id`, `user_id`, ...). */
export const Uuid = z.uuid();

/** RFC 3339 UTC timestamp as returned by the API. */
export const Timestamp = z.string().openapi({ format: "date-time", example: "2023-11-07T05:31:56Z" });

export const PaginationQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0).openapi({ example: 0 }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
});
export type PaginationQuery = z.infer<typeof PaginationQuery>;

/** `{items, total, offset, limit}`: the list envelope of every collection. */
export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
  });
}

/** Formats a Date as RFC 3339 UTC without milliseconds, e.g. 2023-11-07T05:31:56Z. */
export function toTimestamp(date: Date | number): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");
}
