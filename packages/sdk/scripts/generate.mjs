// `pnpm --filter @cadence/sdk generate`: serve the Worker locally (wrangler dev on free loopback ports,
// throwaway state, no network), take the document it serves at /openapi.json, and write the committed
// snapshot (openapi.json) and the types generated from it (src/generated/openapi.d.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalServer } from "@cadence/api/scripts/local.mjs";
import { renderTypes } from "./openapi-types.mjs";
import { normaliseDocument } from "./snapshot.mjs";

const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), "cadence-sdk-generate-"));

let server;
try {
  server = await startLocalServer({ persistTo });
  const res = await fetch(`${server.url}/openapi.json`);
  if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}: ${await res.text()}`);
  const doc = normaliseDocument(await res.json());
  fs.writeFileSync(path.join(sdkDir, "openapi.json"), `${JSON.stringify(doc, null, 2)}\n`);
  fs.writeFileSync(path.join(sdkDir, "src/generated/openapi.d.ts"), await renderTypes(doc));
  console.log(
    `Wrote packages/sdk/openapi.json (${Object.keys(doc.paths).length} paths) and src/generated/openapi.d.ts`,
  );
} finally {
  await server?.stop();
  fs.rmSync(persistTo, { recursive: true, force: true });
}
