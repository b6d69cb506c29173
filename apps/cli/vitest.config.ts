import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "cli",
    environment: "node",
    include: ["test/**/*.test.ts"],
    // Builds dist/cadence.mjs and starts one `wrangler dev` with its own state for every test file.
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
