import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "../../packages/db/migrations"));
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: "local",
            ALLOW_TEST_HOOKS: "true",
            // Tests and demos lower the 60 s floor (never below 1 s); the floor logic itself is unit-tested.
            MIN_INTERVAL_FLOOR_SECONDS: "1",
          },
        },
      }),
    ],
    test: {
      globalSetup: ["./test/peers/global-setup.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 30_000,
    },
  };
});
