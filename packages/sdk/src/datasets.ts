import type { CadenceCore } from "./core.js";
import { CadenceApiError } from "./errors.js";
import type { Dataset } from "./types.js";

/**
 * A CSV body: text or bytes (resent as is on a retry), a function that opens a fresh stream for each
 * attempt (a file: streamed, and still retryable), or a one-shot stream (streamed, never retried).
 */
export type CsvSource =
  | string
  | Uint8Array
  | Blob
  | (() => ReadableStream<Uint8Array>)
  | ReadableStream<Uint8Array>;

export interface ImportCsvOptions {
  /** The dataset's name (`?name=`). */
  name: string;
  csv: CsvSource;
  /** Total bytes, for progress, when the source is a stream (known for text, bytes and Blobs). */
  size?: number;
  /** Called as the body is read by the connection: bytes sent so far, and the total when known. */
  onProgress?: (sentBytes: number, totalBytes: number | null) => void;
  signal?: AbortSignal;
}

function opener(csv: CsvSource): {
  open: () => ReadableStream<Uint8Array>;
  size: number | null;
  replayable: boolean;
} {
  if (typeof csv === "function") return { open: csv, size: null, replayable: true };
  if (csv instanceof ReadableStream) return { open: () => csv, size: null, replayable: false };
  const blob = csv instanceof Blob ? csv : new Blob([csv] as ConstructorParameters<typeof Blob>[0]);
  return { open: () => blob.stream(), size: blob.size, replayable: true };
}

/**
 * `POST /api/v1/datasets/` with a `text/csv` body, streamed: the file is never held in memory, and
 * `onProgress` follows the bytes as the connection takes them. Resolves with the created dataset;
 * throws `CadenceApiError` (e.g. 422 INVALID_CSV with `errors[].loc` = `["body", "line", 7]`).
 */
export async function importCsv(core: CadenceCore, options: ImportCsvOptions): Promise<Dataset> {
  const source = opener(options.csv);
  const total = options.size ?? source.size;
  const url = `${core.baseUrl}/api/v1/datasets/?name=${encodeURIComponent(options.name)}`;
  // One key for every attempt of this import, so a retry after a lost response is replayed, not re-run.
  const headers = core.transport.withIdempotencyKey(
    "POST",
    core.headers({ "Content-Type": "text/csv; charset=utf-8" }),
  );
  const response = await core.transport.send({
    method: "POST",
    url,
    replayable: source.replayable,
    signal: options.signal ?? null,
    build: () => {
      let sent = 0;
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          controller.enqueue(chunk);
          sent += chunk.byteLength;
          options.onProgress?.(sent, total);
        },
      });
      // `duplex: "half"` is required by Node's fetch for a streamed request body.
      const init = { method: "POST", headers, body: source.open().pipeThrough(counter), duplex: "half" };
      return new Request(url, { ...init, signal: options.signal ?? null } as RequestInit);
    },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the error.
  }
  if (!response.ok) throw CadenceApiError.fromResponse({ method: "POST", url }, response, body);
  return body as Dataset;
}
