import { AliasIdParam, AliasVerifyResult } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { verifyHttpEmail } from "../../channels/http-email";
import { aliasTransportSettings, transportEgressProblem } from "../../channels/resolve";
import { verifySmtp } from "../../channels/smtp";
import { commonErrors, errorResponses } from "../../errors";
import { getDb } from "../../lib/db";
import type { App } from "../../router";
import { loadAlias } from "./load";

/** A check is interactive: fail well before a client gives up on the request. */
const VERIFY_TIMEOUT_MS = 10_000;

const route = createRoute({
  method: "post",
  path: "/api/v1/aliases/{alias_id}/verify",
  tags: ["Aliases"],
  summary: "Check that the alias can send",
  description:
    "smtp: connects, EHLO, STARTTLS when the alias asks for it, AUTH, then QUIT; nothing is sent. http: GET {base_url}/domains with the API key. capture: always ok. The answer is 200 either way: {ok: false, error} carries the server's or provider's own reply.",
  request: { params: AliasIdParam },
  responses: {
    200: {
      description: "The result of the check",
      content: { "application/json": { schema: AliasVerifyResult } },
    },
    ...commonErrors,
    404: errorResponses[404],
  },
});

export function registerVerifyAlias(app: App) {
  app.openapi(route, async (c) => {
    const row = await loadAlias(getDb(c.env.DB), c.get("userId"), c.req.valid("param").alias_id);
    const t = await aliasTransportSettings(c.env, {
      transport: row.transport,
      transport_secret: row.transportSecret,
    });
    const refused = transportEgressProblem(c.env, t);
    if (refused) return c.json({ ok: false as const, error: `destination refused: ${refused}` }, 200);
    const options = { timeoutMs: VERIFY_TIMEOUT_MS };
    const result =
      t.kind === "smtp"
        ? await verifySmtp(t.settings, options)
        : t.kind === "http"
          ? await verifyHttpEmail(t.settings, options)
          : { ok: true as const };
    return c.json(result, 200);
  });
}
