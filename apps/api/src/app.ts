import { Scalar } from "@scalar/hono-api-reference";
import { except } from "hono/combine";
import { HTTPException } from "hono/http-exception";
import { ApiError, errorBody } from "./errors";
import { DeploymentConfigError } from "./lib/deployment";
import { log } from "./lib/log";
import { adminAuthenticate } from "./middleware/admin-auth";
import { authenticate } from "./middleware/auth";
import { bodyRules } from "./middleware/body-rules";
import { idempotency } from "./middleware/idempotency";
import { rateLimit } from "./middleware/rate-limit";
import { requestContext } from "./middleware/request-context";
import { type App, newRouter } from "./router";
import { registerRoutes } from "./routes";

/** Collections are documented with a trailing slash, as Bavlio writes them; routes match both forms. */
const COLLECTIONS =
  /^\/api\/v1\/(campaigns|datasets|templates|sender-profiles|aliases|connected-accounts|suppressions|events|webhooks)$/;

export function openApiDocument(app: App, origin: string) {
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Cadence API",
      version: "1.0.0",
      description: "Campaign sending engine. Bavlio-compatible campaign API with Cadence extensions.",
    },
    servers: [{ url: origin }],
    security: [{ bearerAuth: [] }],
  });
  doc.paths = Object.fromEntries(
    Object.entries(doc.paths ?? {}).map(([p, item]) => [COLLECTIONS.test(p) ? `${p}/` : p, item]),
  );
  return doc;
}

export function createApp() {
  const app = newRouter();

  app.use("*", requestContext);
  // Tenants (API keys) and the operator (ADMIN_TOKEN) never share a door: each prefix has one.
  app.use("/api/v1/admin/*", adminAuthenticate, bodyRules);
  app.use("/api/v1/*", except("/api/v1/admin/*", authenticate, rateLimit, bodyRules, idempotency));

  registerRoutes(app);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API key: `Authorization: Bearer cad_...`",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
    type: "http",
    scheme: "bearer",
    description: "The deployment's ADMIN_TOKEN secret (operator routes under /api/v1/admin only)",
  });
  app.get("/openapi.json", (c) => c.json(openApiDocument(app, new URL(c.req.url).origin)));
  app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "Cadence API" }));
  app.get("/", (c) => c.json({ name: "cadence", docs: "/docs", openapi: "/openapi.json" }));

  app.notFound((c) => c.json(errorBody(c, new ApiError("NOT_FOUND", "No such route")), 404));
  app.onError((err, c) => {
    let apiError: ApiError;
    if (err instanceof ApiError) apiError = err;
    else if (err instanceof HTTPException && err.status === 400 && /json/i.test(err.message)) {
      apiError = new ApiError("INVALID_JSON", "The request body is not valid JSON");
    } else if (err instanceof DeploymentConfigError) {
      // A deployment problem, not a bug: say which setting is missing.
      log("error", "deployment misconfigured", { request_id: c.get("requestId"), error: err.message });
      apiError = new ApiError("DEPLOYMENT_MISCONFIGURED", err.message);
    } else if (err instanceof HTTPException && err.status < 500) {
      apiError = new ApiError(err.status === 413 ? "PAYLOAD_TOO_LARGE" : "VALIDATION_ERROR", err.message);
    } else {
      log("error", "unhandled error", {
        request_id: c.get("requestId"),
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
      apiError = new ApiError("INTERNAL_ERROR", "Internal error; quote the request_id when reporting it");
    }
    return c.json(errorBody(c, apiError), apiError.status, apiError.headers);
  });
  return app;
}
