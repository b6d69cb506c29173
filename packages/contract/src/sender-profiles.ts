import { z } from "@hono/zod-openapi";
import { PaginationQuery, paginated, Timestamp, Uuid } from "./common";

export const MAX_SENDER_PROFILES = 5;
/** Bound on the serialized `sender_data`: it is read with every profile, so it stays small. */
export const SENDER_DATA_MAX_BYTES = 16_384;

const SenderData = z
  .record(z.string(), z.unknown())
  .refine(
    (v) => new TextEncoder().encode(JSON.stringify(v)).length <= SENDER_DATA_MAX_BYTES,
    `sender_data is at most ${SENDER_DATA_MAX_BYTES} bytes of JSON`,
  )
  .openapi({
    description: "Free-form JSON object describing the sender (name, title, company, signature, ...)",
    example: { name: "Sam Sender", title: "Account Executive", company: "Acme" },
  });

const profileName = z.string().trim().min(1).max(255);
const description = z.string().max(1000);

export const SenderProfileCreate = z
  .object({
    profile_name: profileName,
    sender_data: SenderData.default({}),
    description: description.nullish(),
    is_default: z.boolean().optional().openapi({
      description:
        "true makes this the default (the others lose it); the first profile is always the default",
    }),
  })
  .openapi("SenderProfileCreate");
export type SenderProfileCreate = z.infer<typeof SenderProfileCreate>;

/** PATCH: omitted = unchanged, null clears `description`; `sender_data` is replaced as a whole. */
export const SenderProfileUpdate = z
  .object({
    profile_name: profileName.optional(),
    sender_data: SenderData.optional(),
    description: description.nullable().optional(),
    is_default: z.boolean().optional().openapi({
      description:
        "true makes this the default (the others lose it). The default cannot be unset directly: make another profile the default instead.",
    }),
  })
  .strict()
  .openapi("SenderProfileUpdate");
export type SenderProfileUpdate = z.infer<typeof SenderProfileUpdate>;

export const SenderProfileResponse = z
  .object({
    id: Uuid,
    profile_name: z.string(),
    sender_data: z.record(z.string(), z.unknown()),
    description: z.string().nullable(),
    is_default: z.boolean(),
    usage_count: z
      .number()
      .int()
      .openapi({ description: "How many of the user's campaigns have a variant using this profile" }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("SenderProfileResponse");
export type SenderProfileResponse = z.infer<typeof SenderProfileResponse>;

export const SenderProfileListQuery = PaginationQuery;

export const SenderProfileList = paginated(SenderProfileResponse).openapi("SenderProfileList");

export const SenderProfileIdParam = z.object({
  sender_profile_id: Uuid.openapi({ param: { name: "sender_profile_id", in: "path" } }),
});
