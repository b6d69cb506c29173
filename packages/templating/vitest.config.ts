import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    // Property tests run thousands of cases; on a busy shared machine that can pass vitest's 5 s default.
    testTimeout: 60_000,
    include: ["src/**/*.test.ts"],
    benchmark: { include: ["src/**/*.bench.ts"] },
  },
});
