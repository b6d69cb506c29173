// After `vite build`: measures the JavaScript a first visit loads (the entry script and the modules it
// preloads, as dist/index.html lists them), gzipped, prints it and fails the build above the budget.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 150 * 1024;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");
const html = readFileSync(path.join(dist, "index.html"), "utf8");

const initial = new Set();
for (const m of html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g)) initial.add(m[1]);
for (const m of html.matchAll(/<link[^>]*\srel="modulepreload"[^>]*\shref="([^"]+)"/g)) initial.add(m[1]);
if (initial.size === 0) throw new Error("dist/index.html loads no module script: nothing to measure");

let raw = 0;
let gzip = 0;
for (const src of initial) {
  const bytes = readFileSync(path.join(dist, src.replace(/^\//, "")));
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(
  `initial JavaScript: ${kB(gzip)} gzip (${kB(raw)} raw, ${initial.size} file${initial.size > 1 ? "s" : ""}); budget ${kB(BUDGET_BYTES)} gzip`,
);
if (gzip > BUDGET_BYTES) {
  console.error(`over the budget by ${kB(gzip - BUDGET_BYTES)}`);
  process.exit(1);
}
