import { DATASET_MAX_COLUMNS, type DatasetImportJson } from "@cadence/contract";
import type { DatasetColumn } from "@cadence/db";
import { validationError } from "../errors";
import { mapColumns } from "./columns";
import { MAX_ROW_JSON_CHARS, type RowSink } from "./store";

type JsonRows = DatasetImportJson["rows"];

/** Rows between two waits for the sink, so a large import never queues more than a batch or two. */
const ROWS_PER_WAIT = 2_000;

const cell = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined ? "" : String(value);

/**
 * Writes JSON import rows to `sink` and returns the columns: every key seen, in first-seen order,
 * mapped like CSV headers. A row without some key gets "" there, as an empty CSV cell would.
 * Problems are 422 VALIDATION_ERROR located at `["body", "rows", i, key]`.
 */
export async function importJsonRows(
  rows: JsonRows,
  sink: RowSink,
  maxColumns = DATASET_MAX_COLUMNS,
): Promise<DatasetColumn[]> {
  const firstRowOf = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    for (const header of Object.keys(row)) if (!firstRowOf.has(header)) firstRowOf.set(header, i);
  }
  const headers = [...firstRowOf.keys()];
  const mapping = mapColumns(headers, maxColumns);
  if (!mapping.ok) {
    const { index, type, msg } = mapping.problem;
    const header = headers[index]!;
    throw validationError([{ loc: ["body", "rows", firstRowOf.get(header)!, header], msg, type }]);
  }
  const prefixes = mapping.columns.map((c, j) => `${j === 0 ? "" : ","}${JSON.stringify(c.key)}:`);
  for (const [i, row] of rows.entries()) {
    let json = "{";
    for (let j = 0; j < headers.length; j++) {
      // Own keys only: a row without "constructor" must not read Object.prototype's.
      const header = headers[j]!;
      json += prefixes[j]! + JSON.stringify(Object.hasOwn(row, header) ? cell(row[header]) : "");
    }
    json += "}";
    if (json.length > MAX_ROW_JSON_CHARS) {
      throw validationError([
        {
          loc: ["body", "rows", i],
          msg: `row is larger than ${MAX_ROW_JSON_CHARS} characters`,
          type: "too_large",
        },
      ]);
    }
    sink.add(json);
    if ((i + 1) % ROWS_PER_WAIT === 0) await sink.ready();
  }
  return mapping.columns;
}
