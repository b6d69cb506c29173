import { z } from "@hono/zod-openapi";

/** `GET /healthz`: whether this deployment can serve, without secrets, settings' values or tenant data. */
export const Health = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    checks: z.object({
      configuration: z.enum(["ok", "misconfigured"]).openapi({
        description:
          "misconfigured: a required setting is missing or unusable; any other route's 500 DEPLOYMENT_MISCONFIGURED names it",
      }),
      database: z.enum(["ok", "error"]).openapi({ description: "A trivial D1 query answered" }),
    }),
  })
  .openapi("Health");
