// `pnpm --filter @cadence/cli build`: one self-contained ES module, dist/cadence.mjs, with the SDK, the
// contract's schemas and the npm dependencies bundled in (esbuild), so the bin needs nothing but Node 20.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const cliDir = path.dirname(fileURLToPath(import.meta.url));

export async function buildCli() {
  await build({
    entryPoints: [path.join(cliDir, "src/main.ts")],
    outfile: path.join(cliDir, "dist/cadence.mjs"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    logLevel: "warning",
    // Bundled CommonJS packages (cli-progress, cli-table3) call require() for Node's own modules.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
