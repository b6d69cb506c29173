import { z } from "@hono/zod-openapi";
import { PaginationQuery, paginated, Timestamp, Uuid } from "./common";

/** Per-import limits; larger lists are split into several datasets. */
export const DATASET_MAX_ROWS = 1_000_000;
export const DATASET_MAX_COLUMNS = 100;

/** Keys the engine itself reads; headers matching them (case and punctuation aside) map onto them. */
export const WELL_KNOWN_FIELDS = [
  "email",
  "first_name",
  "last_name",
  "company",
  "title",
  "linkedin_url",
  "timezone",
] as const;

const DatasetName = z.string().trim().min(1).max(255).openapi({ example: "Q4 leads" });

export const DatasetColumn = z
  .object({
    header: z
      .string()
      .openapi({ description: "The column name as it appeared in the import", example: "E-mail" }),
    key: z
      .string()
      .openapi({ description: "The key the value is stored and merged under", example: "email" }),
  })
  .openapi("DatasetColumn");

export const DatasetResponse = z
  .object({
    dataset_id: Uuid,
    name: z.string(),
    columns: z.array(DatasetColumn),
    row_count: z.number().int(),
    created_at: Timestamp,
  })
  .openapi("DatasetResponse");
export type DatasetResponse = z.infer<typeof DatasetResponse>;

export const DatasetList = paginated(DatasetResponse).openapi("DatasetList");

export const DatasetIdParam = z.object({
  dataset_id: Uuid.openapi({ param: { name: "dataset_id", in: "path" } }),
});

export const DatasetListQuery = PaginationQuery;

/** `?name=` names a CSV import (a JSON import carries `name` in its body). */
export const DatasetCreateQuery = z.object({
  name: DatasetName.optional().openapi({
    description: "Dataset name; required with `Content-Type: text/csv`",
  }),
});

/** A cell of a JSON import; numbers, booleans and null are stored as strings (null as ""). */
const CellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const DatasetImportJson = z
  .object({
    name: DatasetName,
    rows: z
      .array(z.record(z.string(), CellValue))
      .min(1)
      .max(DATASET_MAX_ROWS)
      .openapi({
        description: "One object per lead; keys are column headers, mapped like CSV headers",
        example: [{ Email: "ada@example.com", "First Name": "Ada", Plan: "pro" }],
      }),
  })
  .strict()
  .openapi("DatasetImportJson");
export type DatasetImportJson = z.infer<typeof DatasetImportJson>;

/** The CSV body of an import: RFC 4180, UTF-8, a header row first. */
export const DatasetImportCsv = z.string().openapi({
  description:
    "RFC 4180 CSV in UTF-8 (a BOM is allowed), header row first; quoted fields may contain commas, quotes and newlines.",
  example: "Email,First Name,Plan\nada@example.com,Ada,pro\n",
});

export const DatasetRow = z
  .object({
    row_index: z.number().int().openapi({ description: "1-based, in file order", example: 1 }),
    data: z
      .record(z.string(), z.string())
      .openapi({ example: { email: "ada@example.com", first_name: "Ada" } }),
  })
  .openapi("DatasetRow");

export const DatasetRowList = paginated(DatasetRow).openapi("DatasetRowList");
