import { defineConfig } from "vitest/config";

// Browser tests: Debian's chromium driven by playwright-core against `pnpm dev` (apps/api/scripts/dev.mjs)
// started once for the run by test/global-setup.ts, on a free port with its own local state.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    // One dev server and one browser per file; files run one after another on the 2 shared cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
