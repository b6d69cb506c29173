import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import { CadenceApiError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import { type FetchFn, type RetryOptions, Transport } from "./retry.js";

export const DEFAULT_BASE_URL = "http://127.0.0.1:8787";

export interface CadenceOptions {
  /** An API key (`cad_...`), sent as `Authorization: Bearer`. */
  apiKey: string;
  /** Where the API is served; `/api/v1/...` paths are appended. Default `http://127.0.0.1:8787`. */
  baseUrl?: string;
  /** The fetch to send requests with (default: the global one). Called with one Request per attempt. */
  fetch?: FetchFn;
  /** Retry policy, or `false` to send every request exactly once. */
  retry?: Partial<RetryOptions> | false;
  /** Add an `Idempotency-Key` to every POST that has none (default true). Without a key a POST is not retried after a 5xx or a network error. */
  idempotencyKeys?: boolean;
  /** Extra headers on every request (e.g. a User-Agent). */
  headers?: Record<string, string>;
}

/** `init` is optional when the operation needs no parameters or body. */
type InitArgs<Init> = RequiredKeysOf<Init> extends never ? [init?: Init] : [init: Init];

type SuccessData<Op extends Record<string | number, unknown>, Init> = NonNullable<
  FetchResponse<Op, Init, MediaType>["data"]
>;

/** What a successful call of operation `Op` resolves with (`undefined` for a 204 without a body). */
export type ResponseData<Op, Init = unknown> =
  Op extends Record<string | number, unknown>
    ? [SuccessData<Op, Init>] extends [never]
      ? undefined
      : SuccessData<Op, Init>
    : never;

/** A method that resolves with the response body and throws `CadenceApiError` for any non-2xx answer. */
type DataMethod<M extends HttpMethod> = <
  Path extends PathsWithMethod<paths, M>,
  Init extends MaybeOptionalInit<paths[Path], M>,
>(
  url: Path,
  ...init: InitArgs<Init>
) => Promise<ResponseData<paths[Path][M], Init>>;

/**
 * The typed calls every helper builds on. Every path, parameter and body is typed from the OpenAPI
 * document the Worker serves. `get`/`post`/`patch`/`put`/`delete` resolve with the response body and
 * throw `CadenceApiError`; `raw` is the underlying openapi-fetch client, which returns
 * `{ data, error, response }` instead of throwing (for response headers such as `Idempotent-Replayed`).
 */
export class CadenceCore {
  readonly raw: Client<paths>;
  readonly baseUrl: string;
  /** The transport every call goes through; `importCsv` and other helpers use it directly. */
  readonly transport: Transport;
  private readonly defaultHeaders: Record<string, string>;

  constructor(options: CadenceOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    this.transport = new Transport(
      options.fetch ?? ((request) => fetch(request)),
      options.retry,
      options.idempotencyKeys ?? true,
    );
    this.defaultHeaders = { ...options.headers, Authorization: `Bearer ${options.apiKey}` };
    this.raw = createClient<paths>({
      baseUrl: this.baseUrl,
      headers: this.defaultHeaders,
      fetch: this.transport.fetch,
    });
  }

  readonly get: DataMethod<"get"> = (url, ...init) => this.call("GET", url, init[0]);
  readonly post: DataMethod<"post"> = (url, ...init) => this.call("POST", url, init[0]);
  readonly patch: DataMethod<"patch"> = (url, ...init) => this.call("PATCH", url, init[0]);
  readonly put: DataMethod<"put"> = (url, ...init) => this.call("PUT", url, init[0]);
  readonly delete: DataMethod<"delete"> = (url, ...init) => this.call("DELETE", url, init[0]);

  /** Headers every request carries (authorization included), for helpers that build their own requests. */
  headers(extra?: Record<string, string>): Headers {
    return new Headers({ ...this.defaultHeaders, ...extra });
  }

  // The public methods above are fully typed; inside, one untyped path serves all five.
  private async call(method: string, url: string, init: unknown): Promise<never> {
    const request = this.raw.request as unknown as (
      method: string,
      url: string,
      init: unknown,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const { data, error, response } = await request.call(this.raw, method.toLowerCase(), url, init);
    if (!response.ok) {
      throw CadenceApiError.fromResponse({ method, url: response.url || url }, response, error);
    }
    return data as never;
  }
}
