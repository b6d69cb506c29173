import {
  DatasetCreateQuery,
  DatasetImportCsv,
  DatasetImportJson,
  DatasetResponse,
  type ValidationIssue,
} from "@cadence/contract";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { importCsv } from "../../datasets/csv-import";
import { importJsonRows } from "../../datasets/json-import";
import { importDataset } from "../../datasets/store";
import type { AppEnv } from "../../env";
import { ApiError, commonErrors, errorResponses, validationError } from "../../errors";
import type { App } from "../../router";
import { serializeDataset } from "./serialize";

const route = createRoute({
  method: "post",
  path: "/api/v1/datasets",
  tags: ["Datasets"],
  summary: "Import a dataset from CSV (streamed; name in ?name=) or JSON rows",
  description:
    "CSV headers (and JSON row keys) naming a well-known field, compared without case or punctuation " +
    "(`E-mail`, `First Name`, `LinkedIn URL`, `Time Zone`), are stored under `email`, `first_name`, " +
    "`last_name`, `company`, `title`, `linkedin_url`, `timezone` (also `Email Address`, `Company Name`, " +
    "`Job Title` and `LinkedIn` when no column has the exact name); every other column is kept as a merge " +
    "field under its normalised name (`Job Title (2)` -> `job_title_2`). At most 1,000,000 rows and 100 " +
    "columns per import; CSV bodies up to 100 MB, JSON up to 50 MB. The import is all or nothing: a CSV " +
    'problem is 422 INVALID_CSV with its line in `errors[].loc` (`["body", "line", 7]`) and leaves nothing behind.',
  request: {
    query: DatasetCreateQuery,
    body: {
      required: true,
      content: {
        "text/csv": { schema: DatasetImportCsv },
        // A reference, not the zod schema: a zod JSON body would be validated (and so required) for CSV
        // requests too. The handler validates JSON with the same schema.
        "application/json": { schema: { $ref: "#/components/schemas/DatasetImportJson" } },
      },
    },
  },
  responses: {
    201: { description: "Imported", content: { "application/json": { schema: DatasetResponse } } },
    ...commonErrors,
    422: {
      ...commonErrors[422],
      description: "Validation failed (VALIDATION_ERROR) or the CSV is invalid (INVALID_CSV, with the line)",
    },
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

/** Enough to locate the first problems without answering a 50 MB body with megabytes of issues. */
const MAX_ISSUES = 100;
const UTF8_CHARSETS = ["utf-8", "utf8", "us-ascii"];

export function registerCreateDataset(app: App) {
  app.openAPIRegistry.register("DatasetImportJson", DatasetImportJson);
  app.openapi(route, async (c) => {
    const user = { userId: c.get("userId") };
    const contentType = c.req.header("content-type") ?? "";
    const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
    if (mediaType === "text/csv") {
      assertUtf8(contentType);
      const { name } = c.req.valid("query");
      if (name === undefined) {
        throw validationError([
          { loc: ["query", "name"], msg: "required when importing text/csv", type: "missing" },
        ]);
      }
      // Read as a stream: rows reach D1 while the rest of the upload is still arriving.
      const body = c.req.raw.body;
      const dataset = await importDataset(c.env.DB, { ...user, name }, (sink) => importCsv(body, sink));
      return c.json(serializeDataset(dataset), 201);
    }
    const { name, rows } = await readJsonImport(c, mediaType);
    const dataset = await importDataset(c.env.DB, { ...user, name }, (sink) => importJsonRows(rows, sink));
    return c.json(serializeDataset(dataset), 201);
  });
}

function assertUtf8(contentType: string) {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined && !UTF8_CHARSETS.includes(charset)) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", `CSV must be UTF-8 encoded, not charset=${charset}`);
  }
}

async function readJsonImport(c: Context<AppEnv>, mediaType: string): Promise<DatasetImportJson> {
  let body: unknown = {};
  // Without a body (and so without a Content-Type) the missing fields are reported as for `{}`.
  if (mediaType === "application/json") {
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError("INVALID_JSON", "The request body is not valid JSON");
    }
  }
  const parsed = DatasetImportJson.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues: ValidationIssue[] = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    loc: ["body", ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))],
    msg: issue.message,
    type: issue.code,
  }));
  throw validationError(issues);
}
