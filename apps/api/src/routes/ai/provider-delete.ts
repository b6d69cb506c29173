import { createRoute } from "@hono/zod-openapi";
import { commonErrors } from "../../errors";
import type { App } from "../../router";

const route = createRoute({
  method: "delete",
  path: "/api/v1/ai/provider",
  tags: ["AI personalization"],
  summary: "Remove your own AI provider (the deployment's applies again)",
  responses: { 204: { description: "Removed (or there was none)" }, ...commonErrors },
});

export function registerDeleteAiProvider(app: App) {
  app.openapi(route, async (c) => {
    await c.env.DB.prepare("DELETE FROM ai_provider_settings WHERE user_id = ?").bind(c.get("userId")).run();
    return c.body(null, 204);
  });
}
