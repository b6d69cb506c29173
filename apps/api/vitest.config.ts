import { mkdirSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  // wrangler.jsonc serves the dashboard's build as static assets and refuses a missing directory. These
  // tests are about the API: an empty one (no dashboard built yet) serves them as well as a full one.
  mkdirSync(path.join(import.meta.dirname, "../web/dist"), { recursive: true });
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "../../packages/db/migrations"));
  // Generous timeouts: CI and dev machines are shared and 2-core; a test that drives hundreds of sends through
  // real alarms can take a minute when the machine is busy. No test asserts on time; these only catch hangs.
  const shared = { setupFiles: ["./test/apply-migrations.ts"], testTimeout: 120_000, hookTimeout: 120_000 };
  return {
    test: {
      projects: [
        {
          // The Worker in local mode, as `pnpm dev` runs it, with the loopback peers; its entry is
          // test/worker.ts: the app with test subclasses of its Durable Objects (manual clock, faults).
          plugins: [
            cloudflareTest({
              main: "./test/worker.ts",
              wrangler: { configPath: "./wrangler.jsonc" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ENVIRONMENT: "local",
                  // Tests and demos lower the 60 s floor (never below 1 s); the floor logic itself is unit-tested.
                  MIN_INTERVAL_FLOOR_SECONDS: "1",
                },
              },
            }),
          ],
          test: {
            ...shared,
            name: "api",
            globalSetup: ["./test/peers/global-setup.ts"],
            include: ["src/**/*.test.ts", "test/**/*.test.ts"],
            exclude: ["test/shipped/**", "src/inbound/**", "src/routes/inbox/**"],
          },
        },
        {
          // Local mode with inbound mail on, as `pnpm dev` runs it: every email carries Cadence's tagged
          // Reply-To and envelope sender, and mail comes back through the Worker's email() handler.
          plugins: [
            cloudflareTest({
              main: "./test/worker.ts",
              wrangler: { configPath: "./wrangler.jsonc" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ENVIRONMENT: "local",
                  MIN_INTERVAL_FLOOR_SECONDS: "1",
                  INBOUND_DOMAIN: "inbound.cadence.test",
                },
              },
            }),
          ],
          test: {
            ...shared,
            name: "inbound",
            globalSetup: ["./test/peers/global-setup.ts"],
            include: ["src/inbound/**/*.test.ts", "src/routes/inbox/**/*.test.ts"],
          },
        },
        {
          // The Worker exactly as wrangler.jsonc ships it: no variable overridden (only the migrations
          // the setup file applies), so these tests see what a deployment made from it would.
          plugins: [
            cloudflareTest({
              main: "./src/index.ts",
              wrangler: { configPath: "./wrangler.jsonc" },
              miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
            }),
          ],
          test: { ...shared, name: "shipped-config", include: ["test/shipped/**/*.test.ts"] },
        },
        {
          // The operator scripts (deploy, api-key --remote) in plain Node, with Cloudflare out of reach.
          test: {
            name: "scripts",
            environment: "node",
            include: ["scripts/**/*.test.mjs"],
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
