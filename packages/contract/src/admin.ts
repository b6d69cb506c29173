import { z } from "@hono/zod-openapi";
import { ApiKeyCreated, Me } from "./auth";

/** `POST /api/v1/admin/users`: a new user (a workspace) and its first API key. */
export const AdminUserCreate = z
  .object({
    email: z.email().max(320).nullable().optional(),
    name: z.string().trim().min(1).max(200).nullable().optional(),
    key_name: z.string().trim().min(1).max(100).default("default"),
  })
  .openapi("AdminUserCreate");
export type AdminUserCreate = z.infer<typeof AdminUserCreate>;

/** The only response that carries the new user's raw key. */
export const AdminUserCreated = z.object({ user: Me, api_key: ApiKeyCreated }).openapi("AdminUserCreated");

export const SecretsReEncryptResult = z
  .object({
    key_id: z
      .string()
      .openapi({ description: "Id of the current SECRETS_KEY, stored in every secret it encrypts" }),
    complete: z.boolean().openapi({ description: "True when every stored secret is under the current key" }),
    tables: z.array(
      z.object({
        table: z.string(),
        column: z.string(),
        rewritten: z.number().int(),
        undecryptable: z
          .number()
          .int()
          .openapi({ description: "Rows no configured key opens: add their key to SECRETS_KEY_PREVIOUS" }),
        remaining: z.number().int(),
      }),
    ),
  })
  .openapi("SecretsReEncryptResult");
