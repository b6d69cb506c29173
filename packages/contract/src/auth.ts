import { z } from "@hono/zod-openapi";
import { Timestamp, Uuid } from "./common";

export const Me = z
  .object({ user_id: Uuid, email: z.string().nullable(), name: z.string().nullable(), created_at: Timestamp })
  .openapi("Me");

export const ApiKey = z
  .object({
    id: Uuid,
    name: z.string(),
    key_prefix: z.string(),
    created_at: Timestamp,
    last_used_at: Timestamp.nullable(),
  })
  .openapi("ApiKey");

export const ApiKeyList = z.object({ keys: z.array(ApiKey), count: z.number().int() }).openapi("ApiKeyList");

export const ApiKeyCreate = z
  .object({ name: z.string().trim().min(1).max(100).default("default") })
  .openapi("ApiKeyCreate");

/** The only response that ever carries the raw key. */
export const ApiKeyCreated = ApiKey.extend({ key: z.string() }).openapi("ApiKeyCreated");
