import type { MaybeOptionalInit } from "openapi-fetch";
import type { PathsWithMethod } from "openapi-typescript-helpers";
import type { CadenceCore, ResponseData } from "./core.js";
import type { paths } from "./generated/openapi.js";

type GetPath = PathsWithMethod<paths, "get">;

/** The GET paths that answer the `{items, total, offset, limit}` list envelope. */
export type ListPath = {
  [P in GetPath]: ResponseData<paths[P]["get"]> extends { items: readonly unknown[]; total: number }
    ? P
    : never;
}[GetPath];

/** One element of `items` of list path `P`. */
export type ListItem<P extends ListPath> =
  ResponseData<paths[P]["get"]> extends { items: readonly (infer I)[] } ? I : never;

export type PaginateInit<P extends ListPath> = NonNullable<MaybeOptionalInit<paths[P], "get">>;

export const DEFAULT_PAGE_SIZE = 100;

/**
 * Every item of a collection, fetched page by page (`offset`/`limit`; `params.query.limit` sets the
 * page size, default 100, at most 200). Stops after `total` items or at the first empty page. Items
 * created or deleted while iterating can shift later pages, as with any offset pagination.
 */
export async function* paginate<P extends ListPath>(
  core: CadenceCore,
  url: P,
  init?: PaginateInit<P>,
): AsyncGenerator<ListItem<P>, void, undefined> {
  const base = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
  const limit = Number(base.params?.query?.limit ?? DEFAULT_PAGE_SIZE);
  let offset = Number(base.params?.query?.offset ?? 0);
  for (;;) {
    const pageInit = { ...base, params: { ...base.params, query: { ...base.params?.query, offset, limit } } };
    const page = (await core.get(url as GetPath, pageInit as never)) as unknown as {
      items: ListItem<P>[];
      total: number;
    };
    for (const item of page.items) yield item;
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) return;
  }
}
