import { SecretsReEncryptResult } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { log } from "../../lib/log";
import { reEncryptStoredSecrets } from "../../lib/re-encrypt";
import { currentKey } from "../../lib/secrets";
import type { App } from "../../router";
import { adminErrors, adminSecurity } from "./errors";

const route = createRoute({
  method: "post",
  path: "/api/v1/admin/secrets/re-encrypt",
  tags: ["Admin"],
  summary: "Rewrite stored secrets under the current SECRETS_KEY (operator only)",
  description:
    "After rotating SECRETS_KEY (the old key kept in SECRETS_KEY_PREVIOUS): decrypts every stored secret with whichever configured key opened it and encrypts it again under SECRETS_KEY. Bounded work per call: repeat until `complete` is true, then remove the old key. Returns counts only, never a secret.",
  security: adminSecurity,
  responses: {
    200: {
      description: "What was rewritten and what is left",
      content: { "application/json": { schema: SecretsReEncryptResult } },
    },
    ...adminErrors,
  },
});

export function registerAdminReEncryptSecrets(app: App) {
  app.openapi(route, async (c) => {
    const tables = await reEncryptStoredSecrets(c.env);
    const keyId = (await currentKey(c.env)).id;
    const complete = tables.every((t) => t.remaining === 0);
    log("info", "admin.secrets_re_encrypted", {
      request_id: c.get("requestId"),
      actor: "admin",
      source_ip: c.get("adminSourceIp"),
      key_id: keyId,
      complete,
      tables,
    });
    return c.json({ key_id: keyId, complete, tables }, 200);
  });
}
