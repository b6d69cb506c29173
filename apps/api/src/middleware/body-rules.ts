import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";

/** Limits by media type: JSON bodies are small; CSV imports stream and are checked by the importer too. */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;
export const CSV_BODY_LIMIT = 100 * 1024 * 1024;
export const JSON_IMPORT_LIMIT = 50 * 1024 * 1024;

/** Routes that accept something other than JSON: path pattern -> allowed media types. */
const NON_JSON_ROUTES: { pattern: RegExp; types: string[] }[] = [
  { pattern: /^\/api\/v1\/datasets\/?$/, types: ["application/json", "text/csv"] },
];

function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return length !== "0";
  return req.body !== null;
}

/** 415 for a body in a media type the route does not take; 413 past the size the type allows. */
export const bodyRules = createMiddleware<AppEnv>(async (c, next) => {
  if (!["POST", "PUT", "PATCH"].includes(c.req.method) || !hasBody(c.req.raw)) return next();
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const allowed = NON_JSON_ROUTES.find((r) => r.pattern.test(c.req.path))?.types ?? ["application/json"];
  if (!allowed.includes(mediaType)) {
    throw new ApiError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Content-Type must be ${allowed.join(" or ")}${mediaType ? `, not ${mediaType}` : ""}`,
    );
  }
  // CSV imports stream: the importer counts bytes itself (413 past CSV_BODY_LIMIT). hono's bodyLimit
  // would buffer a body sent without Content-Length, so it only guards JSON.
  if (mediaType === "text/csv") {
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > CSV_BODY_LIMIT)
      throw new ApiError("PAYLOAD_TOO_LARGE", `Request body exceeds ${CSV_BODY_LIMIT} bytes`);
    return next();
  }
  const maxSize = allowed.length > 1 ? JSON_IMPORT_LIMIT : JSON_BODY_LIMIT;
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError("PAYLOAD_TOO_LARGE", `Request body exceeds ${maxSize} bytes`);
    },
  })(c, next);
});
