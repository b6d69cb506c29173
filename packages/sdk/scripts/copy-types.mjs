// tsc does not copy declaration files to the output: put the generated API types beside the build.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
fs.mkdirSync(path.join(sdkDir, "dist/generated"), { recursive: true });
fs.copyFileSync(
  path.join(sdkDir, "src/generated/openapi.d.ts"),
  path.join(sdkDir, "dist/generated/openapi.d.ts"),
);
