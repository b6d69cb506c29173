// How the committed snapshot (openapi.json) differs from the served document: only `servers`, which the
// Worker fills with the origin it was asked at. Shared by `generate.mjs` and the sync test.

/** The `servers` the snapshot stores: the origin `pnpm dev` serves at. */
export const SNAPSHOT_SERVERS = [{ url: "http://127.0.0.1:8787", description: "`pnpm dev`" }];

/** The served document with its request-dependent `servers` replaced, as the snapshot stores it. */
export function normaliseDocument(doc) {
  return { ...doc, servers: SNAPSHOT_SERVERS };
}
