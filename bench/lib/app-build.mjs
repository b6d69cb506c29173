// The app as measured: which source (the working tree or an exported commit), bundled once into a
// frozen build that the runtimes serve, and the wrangler CLI run from that source.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiDir, ensureDir, quietEnv, repoDir, wranglerBin } from "./paths.mjs";

/** JSON with comments (wrangler.jsonc) -> object. Strings are respected; trailing commas removed. */
export function parseJsonc(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (ch === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2) + 1;
    } else out += ch;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

/** Where the measured app comes from: the working tree (default) or an exported commit. */
let appSource = { root: repoDir, api: apiDir, label: null };

/** The apps/api folder of the app being measured (the working tree's or the exported commit's). */
export const appApiDir = () => appSource.api;

function gitOut(args) {
  return execFileSync("git", ["-C", repoDir, ...args], { encoding: "utf8" }).trim();
}

/**
 * `worktree` (default): the app as it is in this checkout now, uncommitted edits included.
 * A commit (`HEAD`, a sha): that commit exported with `git archive` to a folder outside the repository
 * (/tmp/cadence-bench-src-<sha>) and installed from the pnpm store (`pnpm install --offline`), so a
 * batch of benchmarks measures one fixed, reproducible version while others keep editing.
 */
export function selectAppSource(app = "worktree") {
  if (!app || app === "worktree") {
    appSource = { root: repoDir, api: apiDir, label: null };
    return appSource;
  }
  const sha = gitOut(["rev-parse", "--verify", `${app}^{commit}`]);
  const root = path.join(os.tmpdir(), `cadence-bench-src-${sha.slice(0, 12)}`);
  if (!existsSync(path.join(root, ".bench-ready"))) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    execFileSync("sh", ["-c", `git -C '${repoDir}' archive ${sha} | tar -x -C '${root}'`]);
    execFileSync("pnpm", ["install", "--offline", "--frozen-lockfile"], {
      cwd: root,
      env: quietEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    writeFileSync(path.join(root, ".bench-ready"), sha);
  }
  appSource = { root, api: path.join(root, "apps", "api"), label: `commit ${sha.slice(0, 12)} (exported)` };
  return appSource;
}

/**
 * Other engineers edit apps/api/src while the benchmarks run, and `wrangler dev` reloads (dropping
 * requests in flight) on every change. So each benchmark bundles the app once when it starts
 * (`wrangler deploy --dry-run --outdir`, the same esbuild build `wrangler dev` does) and serves that
 * frozen bundle with `--no-bundle` from a copy of the app's wrangler.jsonc: the code measured is the
 * code as it was when the benchmark started (or the commit chosen with selectAppSource), and nothing
 * reloads mid-run. `entry` defaults to the app's own entry (src/index.ts);
 * bench/wake-worker/index.js adds bench-only RPC methods.
 */
export function buildAppSnapshot(persistTo, { entry = null } = {}) {
  const dir = ensureDir(path.join(persistTo, "app"));
  const outdir = path.join(dir, "build");
  const appConfigFile = path.join(appSource.api, "wrangler.jsonc");
  const config = parseJsonc(readFileSync(appConfigFile, "utf8"));
  if (config.assets?.directory) ensureDir(path.resolve(appSource.api, config.assets.directory));
  let entryPath = entry;
  if (entry && appSource.root !== repoDir) {
    // The wrapper imports ../../apps/api/src relatively: put a copy at the same place in the export.
    entryPath = path.join(appSource.root, path.relative(repoDir, entry));
    mkdirSync(path.dirname(entryPath), { recursive: true });
    copyFileSync(entry, entryPath);
  }
  wranglerRun(
    ["deploy", "--dry-run", "--outdir", outdir, "--config", appConfigFile, ...(entryPath ? [entryPath] : [])],
    { cwd: appSource.api },
  );
  delete config.$schema;
  config.main = "build/index.js";
  config.no_bundle = true;
  for (const db of config.d1_databases ?? []) {
    if (db.migrations_dir) db.migrations_dir = path.resolve(appSource.api, db.migrations_dir);
  }
  if (config.assets?.directory) {
    // The copy lives elsewhere: the dashboard's build folder by its absolute path (wrangler refuses a
    // missing one; the benchmarks never ask for the dashboard, so an empty folder serves).
    config.assets.directory = ensureDir(path.resolve(appSource.api, config.assets.directory));
  }
  const configFile = path.join(dir, "wrangler.json");
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  let gitRev = appSource.label ?? "";
  if (!appSource.label) {
    try {
      gitRev = `working tree at ${gitOut(["rev-parse", "--short", "HEAD"])}`;
      const dirty = gitOut(["status", "--porcelain", "apps/api", "packages"]);
      if (dirty) gitRev += ` + uncommitted changes (${dirty.split("\n").length} paths in apps/api, packages)`;
    } catch {}
  }
  const bundleSha = createHash("sha256")
    .update(readFileSync(path.join(outdir, "index.js")))
    .digest("hex")
    .slice(0, 12);
  return { configFile, cwd: dir, gitRev: `${gitRev}; bundle sha256 ${bundleSha}`, bundleSha };
}

/** The wrangler CLI of apps/api, run from the measured app's folder (quiet, no metrics). */
export function wranglerRun(args, { cwd = appSource.api } = {}) {
  return execFileSync(wranglerBin, args, {
    cwd,
    env: quietEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
}
