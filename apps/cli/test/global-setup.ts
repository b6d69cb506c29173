import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLocalUserKey, startLocalServer } from "@cadence/api/scripts/local.mjs";
import type { TestProject } from "vitest/node";
import { buildCli } from "../build.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The dev server's origin, e.g. http://127.0.0.1:41234. */
    baseUrl: string;
    /** A key of a user created in that server's D1. */
    apiKey: string;
  }
}

/**
 * Builds the CLI as it ships (dist/cadence.mjs), then serves the Worker with `wrangler dev` in local
 * mode on free loopback ports, with state in a temporary directory (migrated first) and the interval
 * floor lowered to 1 s so a campaign completes within seconds; creates a user and key as
 * `pnpm api-key` does.
 */
export default async function setup(project: TestProject) {
  await buildCli();
  const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), "cadence-cli-test-"));
  const server = await startLocalServer({ persistTo, vars: { MIN_INTERVAL_FLOOR_SECONDS: "1" } });
  const { key } = createLocalUserKey({ persistTo, name: "CLI tests" });
  project.provide("baseUrl", server.url);
  project.provide("apiKey", key);
  return async () => {
    await server.stop();
    fs.rmSync(persistTo, { recursive: true, force: true });
  };
}
