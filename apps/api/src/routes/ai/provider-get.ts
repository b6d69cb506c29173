import { AiProviderResponse } from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import { commonErrors } from "../../errors";
import type { App } from "../../router";
import { describeAiProvider } from "./serialize";

const route = createRoute({
  method: "get",
  path: "/api/v1/ai/provider",
  tags: ["AI personalization"],
  summary: "The AI provider your generations use",
  description:
    "Yours when you set one, else the deployment's (`source`). `configured: false` with `problem` says why generation is unavailable and how to fix it. The API key is never returned: `has_api_key`.",
  responses: {
    200: {
      description: "The provider in use",
      content: { "application/json": { schema: AiProviderResponse } },
    },
    ...commonErrors,
  },
});

export function registerGetAiProvider(app: App) {
  app.openapi(route, async (c) => c.json(await describeAiProvider(c.env, c.get("userId")), 200));
}
