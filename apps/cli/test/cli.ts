// Running the built `cadence` binary as a user would, against the test dev server.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCadence } from "@cadence/sdk";
import { inject } from "vitest";

export const cliDir = path.join(import.meta.dirname, "..");
export const bin = path.join(cliDir, "dist/cadence.mjs");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh, empty config home (`$XDG_CONFIG_HOME`). */
export function tempDir(prefix = "cadence-cli-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The environment a run sees: nothing of the developer's own Cadence settings, an empty config home,
 * and by default the test server and key (`CADENCE_BASE_URL`, `CADENCE_API_KEY`); pass `undefined`
 * to leave one out.
 */
export function cliEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: tempDir("cadence-home-"),
    XDG_CONFIG_HOME: tempDir(),
    CADENCE_BASE_URL: inject("baseUrl"),
    CADENCE_API_KEY: inject("apiKey"),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Starts `cadence ...args`; `output()` is what it printed so far, `done` resolves when it exits. */
export function startCadence(args: string[], options: { env?: Record<string, string>; input?: string } = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: options.env ?? cliEnv(), cwd: cliDir });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(options.input ?? "");
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Runs `cadence ...args` to its end; `input` is written to its stdin. */
export function cadence(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<CliResult> {
  return startCadence(args, options).done;
}

/** The SDK on the same server and key, to set up fixtures and check what the CLI did. */
export function sdk() {
  return createCadence({ apiKey: inject("apiKey"), baseUrl: inject("baseUrl") });
}

export const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
