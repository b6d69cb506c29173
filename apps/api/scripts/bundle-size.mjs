// CI: build the production bundle exactly as `wrangler deploy --env production` would upload it
// (`--dry-run --outdir`), and print its size, raw and gzip-compressed, against Cloudflare's Worker size
// limits. Those limits apply to the compressed upload: 3 MB on the Workers Free plan, 10 MB on Workers
// Paid (the published figures as of wrangler 4.86). Exits non-zero only when a build (dashboard or Worker) fails;
// a bundle over a limit is a warning here, since it is the upload that would be refused.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { apiDir, quietEnv } from "./local.mjs";

const MB = 1024 * 1024;
const LIMITS = [
  ["Workers Free", 3 * MB],
  ["Workers Paid", 10 * MB],
];
const env = process.argv.includes("--env") ? process.argv[process.argv.indexOf("--env") + 1] : "production";

const outdir = mkdtempSync(path.join(os.tmpdir(), "cadence-bundle-"));
try {
  // The dashboard ships as the Worker's static assets (wrangler.jsonc `assets`), and wrangler refuses
  // a configuration whose assets directory is missing: build it first, as `pnpm run deploy` does.
  execFileSync("pnpm", ["--silent", "run", "build"], {
    cwd: path.resolve(apiDir, "../web"),
    env: quietEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });
  execFileSync(
    path.join(apiDir, "node_modules", ".bin", "wrangler"),
    ["deploy", "--dry-run", "--env", env, "--outdir", outdir],
    { cwd: apiDir, env: quietEnv, stdio: ["ignore", "ignore", "inherit"] },
  );
} catch (err) {
  console.error(`bundle: the ${env} build failed (${err.message})`);
  process.exit(1);
}

// The modules wrangler would upload: everything it wrote except source maps and its README.
const files = readdirSync(outdir).filter((f) => !f.endsWith(".map") && f !== "README.md");
const raw = files.map((f) => readFileSync(path.join(outdir, f)));
const rawBytes = raw.reduce((n, b) => n + b.length, 0);
const gzipBytes = raw.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
rmSync(outdir, { recursive: true, force: true });

const fmt = (bytes) => `${(bytes / MB).toFixed(2)} MB`;
console.log(`bundle (${env}, ${files.join(", ")}): ${fmt(rawBytes)} raw, ${fmt(gzipBytes)} gzip`);
for (const [plan, limit] of LIMITS) {
  const share = ((gzipBytes / limit) * 100).toFixed(0);
  const verdict = gzipBytes <= limit ? "fits" : "WARNING: over the limit, the upload would be refused";
  console.log(`  ${plan}: ${fmt(limit)} compressed limit: ${share}% used, ${verdict}`);
}
