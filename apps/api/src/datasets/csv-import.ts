import { DATASET_MAX_COLUMNS, DATASET_MAX_ROWS } from "@cadence/contract";
import type { DatasetColumn } from "@cadence/db";
import Papa from "papaparse";
import { ApiError } from "../errors";
import { CSV_BODY_LIMIT } from "../middleware/body-rules";
import { mapColumns } from "./columns";
import { MAX_ROW_JSON_CHARS, type RowSink } from "./store";

export interface CsvLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
}

export const CSV_LIMITS: CsvLimits = {
  maxBytes: CSV_BODY_LIMIT,
  maxRows: DATASET_MAX_ROWS,
  maxColumns: DATASET_MAX_COLUMNS,
};

export type CsvProblem =
  | "empty_file"
  | "no_header"
  | "no_rows"
  | "empty_header"
  | "duplicate_header"
  | "too_many_columns"
  | "too_many_rows"
  | "ragged_row"
  | "unclosed_quote"
  | "invalid_quote"
  | "invalid_utf8"
  | "row_too_large";

/** Decoded text is handed to the parser in pieces of about this many characters. */
export const PARSE_CHARS = 256 * 1024;
/**
 * A record still incomplete past this size is rejected: it could not be stored anyway (see
 * MAX_ROW_JSON_CHARS), and the usual cause is a quote left open that would swallow the rest of the file.
 */
const MAX_RECORD_CHARS = 2 * MAX_ROW_JSON_CHARS;

export function csvError(line: number, type: CsvProblem, msg: string) {
  return new ApiError("INVALID_CSV", `Invalid CSV at line ${line}: ${msg}`, [
    { loc: ["body", "line", line], msg, type },
  ]);
}

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Streams a CSV body (RFC 4180: quoted fields with commas, doubled quotes and line breaks; CRLF or LF;
 * an optional UTF-8 BOM) into `sink`, one JSON object per data row keyed by the mapped columns, and
 * returns the columns. The body is read chunk by chunk and never held whole: bytes are decoded with a
 * fatal UTF-8 decoder and papaparse's parser runs over the decoded text, carrying an incomplete last
 * record over to the next chunk. Blank lines are skipped. Every problem is an ApiError: 422
 * INVALID_CSV naming the 1-based line (`errors[].loc` = ["body", "line", n]), or 413 past `maxBytes`.
 */
export async function importCsv(
  body: ReadableStream<Uint8Array> | null,
  sink: RowSink,
  limits: CsvLimits = CSV_LIMITS,
): Promise<DatasetColumn[]> {
  const csv = new CsvStream(sink, limits);
  if (!body) return csv.end();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await csv.write(value);
    }
  } catch (err) {
    reader.cancel().catch(() => {});
    throw err;
  }
  return csv.end();
}

interface PapaResult {
  data: string[][];
  errors: Papa.ParseError[];
  meta: { cursor: number };
}

class CsvStream {
  // ignoreBOM keeps a U+FEFF that starts a later chunk; only the file's first one is dropped (below).
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  // Papa's low-level parser, fixed to RFC 4180 commas. "\n" ends records; the "\r" of CRLF is removed
  // from the last field (a quoted field before CRLF never keeps it: papaparse skips it as trailing space).
  private readonly parser = new Papa.Parser({ delimiter: ",", newline: "\n", quoteChar: '"' });
  private bytes = 0;
  private carry: Uint8Array | null = null;
  private bomChecked = false;
  private sawText = false;
  private pending = "";
  private parseAt = PARSE_CHARS;
  /** Line breaks before `pending`: line numbers are this plus those inside it. */
  private linesBefore = 0;
  private columnCount = 0;
  private keyPrefixes: string[] = [];
  private columns: DatasetColumn[] | null = null;
  private headerLine = 0;
  private rows = 0;

  constructor(
    private readonly sink: RowSink,
    private readonly limits: CsvLimits,
  ) {}

  async write(chunk: Uint8Array) {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.limits.maxBytes) {
      throw new ApiError(
        "PAYLOAD_TOO_LARGE",
        `The CSV body exceeds the ${mib(this.limits.maxBytes)} limit (${this.limits.maxBytes} bytes)`,
      );
    }
    let bytes = chunk;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
    }
    // A multi-byte character may straddle two chunks: keep its first bytes for the next one.
    const end = completeLength(bytes);
    this.carry = end < bytes.length ? bytes.slice(end) : null;
    this.append(this.decode(bytes.subarray(0, end)));
    if (this.pending.length >= this.parseAt) {
      this.parse(false);
      await this.sink.ready();
    }
  }

  end(): DatasetColumn[] {
    if (this.carry) this.invalidUtf8(this.carry);
    if (!this.sawText) throw csvError(1, "empty_file", "the file is empty");
    this.parse(true);
    if (!this.columns) throw csvError(1, "no_header", "no header row (the file has only blank lines)");
    if (this.rows === 0)
      throw csvError(this.headerLine + 1, "no_rows", "the file has a header but no data rows");
    return this.columns;
  }

  private decode(bytes: Uint8Array): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      return this.invalidUtf8(bytes);
    }
  }

  /** Parses what precedes the bad byte (an earlier problem is reported first), then fails at its line. */
  private invalidUtf8(bytes: Uint8Array): never {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    this.append(this.decoder.decode(bytes.subarray(0, bad)));
    this.parse(false);
    const line = this.linesBefore + countLineBreaks(this.pending, this.pending.length) + 1;
    throw csvError(line, "invalid_utf8", "the file is not valid UTF-8 (save or export it as UTF-8)");
  }

  private append(text: string) {
    if (text.length === 0) return;
    if (!this.bomChecked) {
      this.bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length > 0) this.sawText = true;
    this.pending += text;
  }

  private parse(final: boolean) {
    const input = this.pending;
    if (input.length === 0) return;
    const result = this.parser.parse(input, 0, !final) as PapaResult;
    const records = result.data;
    // Papa reports quote problems per record; one in the incomplete last record may vanish once the
    // rest of it arrives, so only complete records' problems (or any, at the end) count.
    const quoteError = result.errors.find((e) => final || (e.row ?? 0) < records.length);
    this.takeRecords(input, records, quoteError ? (quoteError.row ?? 0) : records.length, final);
    if (quoteError) {
      const at = Math.max(0, (quoteError.index ?? 1) - 1);
      const line = this.linesBefore + countLineBreaks(input, at) + 1;
      if (quoteError.code === "MissingQuotes") {
        throw csvError(line, "unclosed_quote", "a quoted field is never closed (a quote is missing)");
      }
      throw csvError(
        line,
        "invalid_quote",
        "a quoted field's closing quote must be followed by a comma or the end of the line (write a quote inside a quoted field as two quotes)",
      );
    }
    const consumed = final ? input.length : result.meta.cursor;
    this.linesBefore += countLineBreaks(input, consumed);
    this.pending = input.slice(consumed);
    if (this.pending.length > MAX_RECORD_CHARS) {
      throw csvError(
        this.linesBefore + 1,
        "row_too_large",
        `the record starting here is longer than ${MAX_RECORD_CHARS} characters (is a quote left open?)`,
      );
    }
    // Re-parsing an incomplete record costs its length: wait for at least as much new text.
    this.parseAt = Math.max(PARSE_CHARS, 2 * this.pending.length);
  }

  private takeRecords(input: string, records: string[][], count: number, final: boolean) {
    const lineOf = (index: number) => this.linesBefore + recordLine(input, index, final);
    for (let i = 0; i < count; i++) {
      const fields = records[i]!;
      const last = fields.length - 1;
      const tail = fields[last]!;
      if (tail.charCodeAt(tail.length - 1) === 13) fields[last] = tail.slice(0, -1);
      if (last === 0 && fields[0] === "") continue;
      if (this.columns === null) {
        this.takeHeader(fields, lineOf(i));
        continue;
      }
      if (fields.length !== this.columnCount) {
        throw csvError(
          lineOf(i),
          "ragged_row",
          `${fields.length} fields, but the header has ${this.columnCount} (quote values that contain commas)`,
        );
      }
      if (++this.rows > this.limits.maxRows) {
        throw csvError(
          lineOf(i),
          "too_many_rows",
          `more than ${this.limits.maxRows} data rows; at most ${this.limits.maxRows} rows are allowed per import`,
        );
      }
      let json = "{";
      for (let j = 0; j < fields.length; j++) json += this.keyPrefixes[j]! + JSON.stringify(fields[j]);
      json += "}";
      if (json.length > MAX_ROW_JSON_CHARS) {
        throw csvError(lineOf(i), "row_too_large", `the row is larger than ${MAX_ROW_JSON_CHARS} characters`);
      }
      this.sink.add(json);
    }
  }

  private takeHeader(fields: string[], line: number) {
    const mapping = mapColumns(fields, this.limits.maxColumns);
    if (!mapping.ok) throw csvError(line, mapping.problem.type, mapping.problem.msg);
    this.columns = mapping.columns;
    this.columnCount = fields.length;
    this.keyPrefixes = mapping.columns.map((c, j) => `${j === 0 ? "" : ","}${JSON.stringify(c.key)}:`);
    this.headerLine = line;
  }
}

/** 1-based line (within `input`) on which record `index` of a parse of `input` starts. Error path only. */
function recordLine(input: string, index: number, final: boolean): number {
  let seen = 0;
  let start = 0;
  let found = -1;
  const parser = new Papa.Parser({
    delimiter: ",",
    newline: "\n",
    quoteChar: '"',
    step: (result: { meta: { cursor: number } }) => {
      if (seen === index) {
        found = start;
        parser.abort();
      }
      start = result.meta.cursor;
      seen++;
    },
  });
  parser.parse(input, 0, !final);
  return countLineBreaks(input, found === -1 ? start : found) + 1;
}

function countLineBreaks(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Length of the prefix of `bytes` that ends on a character boundary (what may be decoded now). */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const b = bytes[i]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) return n - i < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) ? i : n;
  }
  return n;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const more = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (more === 0 || i + more >= bytes.length) return i;
    let cp = b & (0x3f >> more);
    for (let k = 1; k <= more; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = more === 1 ? 0x80 : more === 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += more + 1;
  }
  return -1;
}
