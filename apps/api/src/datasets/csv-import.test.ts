import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { CSV_LIMITS, type CsvLimits, firstInvalidUtf8, importCsv, PARSE_CHARS } from "./csv-import";
import type { RowSink } from "./store";

const encoder = new TextEncoder();

/** Collects rows in memory, counting how often the importer waited for it. */
class MemorySink implements RowSink {
  rows: Record<string, string>[] = [];
  waits = 0;
  add(rowJson: string) {
    this.rows.push(JSON.parse(rowJson));
  }
  async ready() {
    this.waits++;
  }
}

/** A body delivered in pieces of the given sizes (cycled), so characters, CRLFs and quotes straddle chunks. */
function chunked(bytes: Uint8Array, sizes: number[]) {
  let at = 0;
  let turn = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const size = sizes[turn++ % sizes.length]!;
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const whole = (text: string | Uint8Array) =>
  chunked(typeof text === "string" ? encoder.encode(text) : text, [1 << 30]);

async function run(body: ReadableStream<Uint8Array>, limits: Partial<CsvLimits> = {}) {
  const sink = new MemorySink();
  const columns = await importCsv(body, sink, { ...CSV_LIMITS, ...limits });
  return { columns, rows: sink.rows, waits: sink.waits };
}

async function failure(body: ReadableStream<Uint8Array>, limits: Partial<CsvLimits> = {}) {
  try {
    await run(body, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error("the import succeeded");
}

const TRICKY =
  '\uFEFFEmail,Name,Note\r\n"ada@example.com","Lovelace, Ada","said ""hi""\r\nthen left"\r\n' +
  "\r\n" +
  "grace@example.com,Grace Hopper,\r\n" +
  'zoë@example.com,"Zoë 🚀 Ünïcode","line one\nline two"\r\n';

const TRICKY_ROWS = [
  { email: "ada@example.com", name: "Lovelace, Ada", note: 'said "hi"\r\nthen left' },
  { email: "grace@example.com", name: "Grace Hopper", note: "" },
  { email: "zoë@example.com", name: "Zoë 🚀 Ünïcode", note: "line one\nline two" },
];

describe("importCsv", () => {
  it("gives the same rows however the body is split into chunks", async () => {
    const bytes = encoder.encode(TRICKY);
    for (const sizes of [[bytes.length], [1], [2, 3], [5, 1, 7], [64]]) {
      const { columns, rows } = await run(chunked(bytes, sizes));
      expect(rows, `chunks of ${sizes}`).toEqual(TRICKY_ROWS);
      expect(columns.map((c) => c.header)).toEqual(["Email", "Name", "Note"]);
    }
  });

  it("carries a record cut by a parse pass over to the next, wherever the cut falls", async () => {
    // The first chunk is long enough to be parsed on its own, so the pass ends exactly at the cut:
    // inside quotes, between CR and LF, right after a closing quote, inside a UTF-8 character.
    const header = "Email,Name,Note\r\n";
    const filler: string[] = [];
    let length = header.length;
    for (let i = 0; length < PARSE_CHARS; i++) {
      const line = `f${i}@example.com,Filler ${i},\r\n`;
      filler.push(line);
      length += line.length;
    }
    const head = encoder.encode(header + filler.join(""));
    const tail = encoder.encode(TRICKY.slice(TRICKY.indexOf("\r\n") + 2));
    const bytes = new Uint8Array([...head, ...tail]);
    for (let cut = head.length; cut <= bytes.length; cut++) {
      const { rows } = await run(chunked(bytes, [cut, bytes.length]));
      expect(rows.length, `cut at ${cut - head.length}`).toBe(filler.length + TRICKY_ROWS.length);
      expect(rows.slice(filler.length), `cut at ${cut - head.length}`).toEqual(TRICKY_ROWS);
    }
  });

  it("parses a large body in several passes, waiting for the sink between them", async () => {
    const lines = ["email,n"];
    for (let i = 1; i <= 50_000; i++) lines.push(`u${i}@example.com,"${i}\n${i}"`);
    const { rows, waits } = await run(chunked(encoder.encode(lines.join("\n")), [4096, 1000, 7]));
    expect(rows).toHaveLength(50_000);
    expect(rows[49_999]).toEqual({ email: "u50000@example.com", n: "50000\n50000" });
    expect(waits).toBeGreaterThan(1);
  });

  it("stops at the row limit, naming the limit and the line", async () => {
    const csv = "email\na@x.test\nb@x.test\n\nc@x.test\nd@x.test\n";
    expect((await run(whole(csv), { maxRows: 4 })).rows).toHaveLength(4);
    const err = await failure(whole(csv), { maxRows: 3 });
    expect(err.code).toBe("INVALID_CSV");
    expect(err.errors).toEqual([
      { loc: ["body", "line", 6], msg: expect.stringContaining("at most 3 rows"), type: "too_many_rows" },
    ]);
  });

  it("stops past the byte limit with 413 naming the limit", async () => {
    const err = await failure(chunked(encoder.encode(`email\n${"a@x.test\n".repeat(1000)}`), [100]), {
      maxBytes: 2048,
    });
    expect(err.code).toBe("PAYLOAD_TOO_LARGE");
    expect(err.status).toBe(413);
    expect(err.message).toContain("2048 bytes");
  });

  it("honours the column limit it is given", async () => {
    const err = await failure(whole("a,b,c\n1,2,3\n"), { maxColumns: 2 });
    expect(err.errors?.[0]).toMatchObject({ loc: ["body", "line", 1], type: "too_many_columns" });
    expect(err.message).toContain("at most 2 columns");
  });

  it("reports a multi-byte character cut off at the end of the body as invalid UTF-8", async () => {
    const bytes = encoder.encode("email\na@x.test\nb@x.test,é");
    const err = await failure(chunked(bytes.slice(0, -1), [3]));
    expect(err.errors?.[0]).toMatchObject({ loc: ["body", "line", 3], type: "invalid_utf8" });
  });

  it("rejects a record that never ends instead of buffering the rest of the file", async () => {
    const csv = `email,note\na@x.test,"open\n${"x".repeat(1_100_000)}\nb@x.test,ok\n`;
    const err = await failure(chunked(encoder.encode(csv), [65536]));
    expect(err.errors?.[0]).toMatchObject({ loc: ["body", "line", 2], type: "row_too_large" });
  });

  it("reports the first problem in file order", async () => {
    // A ragged row (line 2) precedes an invalid byte (line 3) in the same chunk.
    const bytes = new Uint8Array([...encoder.encode("a,b\n1\n2,"), 0xff, ...encoder.encode("\n")]);
    const err = await failure(whole(bytes));
    expect(err.errors?.[0]).toMatchObject({ loc: ["body", "line", 2], type: "ragged_row" });
  });
});

describe("firstInvalidUtf8", () => {
  it.each([
    [[0x61, 0x62], -1],
    [[0x61, 0xc3, 0xa9], -1],
    [[0xf0, 0x9f, 0x9a, 0x80], -1],
    [[0x61, 0xff], 1],
    [[0x61, 0xc0, 0x80], 1], // overlong
    [[0xed, 0xa0, 0x80], 0], // UTF-16 surrogate
    [[0x61, 0x62, 0xe2, 0x82], 2], // truncated
    [[0x80], 0], // lone continuation byte
  ])("%j -> %i", (bytes, expected) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(expected);
  });
});
