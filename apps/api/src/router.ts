import { OpenAPIHono, type z } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";

/**
 * The router type every route file registers on. It lives apart from the app factory (`app.ts`,
 * the composition root that registers the routes), so route files import it without a cycle.
 */

const TARGET_LOC: Record<string, string> = { json: "body", query: "query", param: "path", header: "header" };

/** zod issues -> the contract's `errors[]` with FastAPI-style `loc`. */
export function toValidationIssues(target: string, error: z.ZodError) {
  return error.issues.map((issue) => ({
    loc: [TARGET_LOC[target] ?? target, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))],
    msg: issue.message,
    type: issue.code,
  }));
}

export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError(
          "VALIDATION_ERROR",
          "The request failed validation",
          toValidationIssues(result.target, result.error),
        );
      }
    },
  });
}
export type App = ReturnType<typeof newRouter>;
