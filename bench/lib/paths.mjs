// Where things are (the bench folder, the repository, the app), the quiet environment every wrangler
// call runs with, and the per-run state folders under bench/.state (git-ignored).
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoDir = path.resolve(benchDir, "..");
export const apiDir = path.join(repoDir, "apps", "api");
export const rawWorkerDir = path.join(benchDir, "raw-worker");
export const stateDir = path.join(benchDir, ".state");
export const wranglerBin = path.join(apiDir, "node_modules", ".bin", "wrangler");

export const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
};

export function freshStateDir(name) {
  const dir = path.join(stateDir, `${name}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function ensureDir(d) {
  if (!existsSync(d)) mkdirSync(d, { recursive: true });
  return d;
}
