import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    // Property tests run a few hundred simulated campaigns each; leave room on slow CI machines.
    testTimeout: 120_000,
    benchmark: { include: ["src/**/*.bench.ts"] },
  },
});
