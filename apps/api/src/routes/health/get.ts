import { Health } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { deploymentProblems } from "../../lib/deployment";
import { log } from "../../lib/log";
import type { App } from "../../router";

export const HEALTH_PATH = "/healthz";

const route = createRoute({
  method: "get",
  path: HEALTH_PATH,
  tags: ["Operations"],
  summary: "Health check for uptime monitors and load balancers (no authentication)",
  description:
    "200 when the deployment can serve: its configuration is usable and D1 answers. 503 otherwise, saying which check failed but never which setting: the 500 DEPLOYMENT_MISCONFIGURED of any other route names it. Answered even on a misconfigured deployment, so a monitor sees the difference between down and misconfigured. Carries no secret, setting value or tenant data.",
  security: [],
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: Health } } },
    503: { description: "Not ready", content: { "application/json": { schema: Health } } },
  },
});

export function registerHealth(app: App) {
  app.openapi(route, async (c) => {
    const configuration = deploymentProblems(c.env).length === 0 ? "ok" : "misconfigured";
    let database: "ok" | "error" = "ok";
    try {
      await c.env.DB.prepare("SELECT 1").first();
    } catch (err) {
      database = "error";
      log("error", "health check: D1 did not answer", {
        request_id: c.get("requestId"),
        error: err instanceof Error ? err.message : String(err),
      });
    }
    const ok = configuration === "ok" && database === "ok";
    c.header("Cache-Control", "no-store");
    return c.json({ status: ok ? "ok" : "unavailable", checks: { configuration, database } }, ok ? 200 : 503);
  });
}
