import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const apiDir = path.join(import.meta.dirname, "../../apps/api");

export default defineConfig(async () => ({
  test: {
    // The Worker logs one JSON line per request; keep the test output to the results.
    onConsoleLog: (log: string) => !log.includes('"msg":"request"'),
    projects: [
      {
        // Plain Node: the generated types against the committed snapshot, and the SDK's pure parts.
        test: { name: "sdk", environment: "node", include: ["test/*.test.ts"] },
      },
      {
        // The SDK against the real Worker (its entry point, D1, Durable Objects) in local mode.
        plugins: [
          cloudflareTest({
            main: path.join(apiDir, "src/index.ts"),
            wrangler: { configPath: path.join(apiDir, "wrangler.jsonc") },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(path.join(apiDir, "../../packages/db/migrations")),
                ENVIRONMENT: "local",
              },
            },
          }),
        ],
        test: {
          name: "sdk-worker",
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["./test/worker/apply-migrations.ts"],
          testTimeout: 30_000,
        },
      },
    ],
  },
}));
