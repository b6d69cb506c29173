// `pnpm dev`: build the dashboard (apps/web), migrate the local D1, print a demo user's key and serve the
// API and the dashboard together with wrangler dev on loopback (the dashboard as the Worker's static assets).
//
// Environment: PORT, HOST; CADENCE_WEB = watch (default: build, then rebuild on change) | build (once) |
// skip (use apps/web/dist as it is); CADENCE_PERSIST_TO = a directory for the local D1 and Durable Object
// state instead of apps/api/.wrangler/state (the dashboard's browser tests run on their own state).
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { apiDir, createLocalUserKey, migrateLocal, quietEnv } from "./local.mjs";

const port = process.env.PORT ?? "8787";
const host = process.env.HOST ?? "127.0.0.1";
const webMode = process.env.CADENCE_WEB ?? "watch";
const persistTo = process.env.CADENCE_PERSIST_TO || undefined;
const webDir = path.resolve(apiDir, "../web");
const vite = path.join(webDir, "node_modules", ".bin", "vite");

const children = [];

if (webMode !== "skip") {
  console.log("Building the dashboard (apps/web)...");
  execFileSync("pnpm", ["--silent", "run", "build"], { cwd: webDir, stdio: "inherit" });
} else if (!existsSync(path.join(webDir, "dist", "index.html"))) {
  console.error(
    "CADENCE_WEB=skip, but apps/web/dist has no build: run `pnpm --filter @cadence/web build` first.",
  );
  process.exit(1);
}
if (webMode === "watch") {
  // Rebuilds in a second or two after a change under apps/web/src; wrangler dev serves the new files.
  children.push(
    spawn(vite, ["build", "--watch", "--logLevel", "warn"], {
      cwd: webDir,
      env: process.env,
      stdio: "inherit",
    }),
  );
}

migrateLocal({ persistTo });
const { key } = createLocalUserKey({ name: "Demo user", persistTo });
const origin = `http://${host}:${port}`;
console.log(`
Cadence is starting on ${origin}

  Dashboard:  ${origin}/   (sign in with the key below)
  API docs:   ${origin}/docs

Demo API key (shown once):

  ${key}

Try:  curl -H "Authorization: Bearer ${key}" ${origin}/api/v1/auth/me
`);

const wrangler = spawn(
  path.join(apiDir, "node_modules", ".bin", "wrangler"),
  [
    "dev",
    "--ip",
    host,
    "--port",
    port,
    "--show-interactive-dev-session=false",
    ...(persistTo ? ["--persist-to", persistTo] : []),
    // The shipped wrangler.jsonc is a production configuration; local mode is asked for here, explicitly
    // (development secrets key, links from the request origin, http peers on loopback).
    "--var",
    "ENVIRONMENT:local",
    // Local development lowers the 60 s floor so demos run in a minute (never below 1 s).
    "--var",
    `MIN_INTERVAL_FLOOR_SECONDS:${process.env.MIN_INTERVAL_FLOOR_SECONDS ?? "1"}`,
    // Inbound mail on: emails carry Reply-To and envelope addresses on this domain, and mail POSTed to
    // /cdn-cgi/handler/email reaches the Worker's email() handler (see the README's "Inbound mail").
    "--var",
    `INBOUND_DOMAIN:${process.env.INBOUND_DOMAIN ?? "inbound.localhost"}`,
    // The deployment's AI provider, when the shell sets one (README "AI personalization"):
    // `AI_BASE_URL=http://127.0.0.1:11434/v1 AI_MODEL=llama3.2 pnpm dev` for a local Ollama.
    ...Object.entries(process.env)
      .filter(([name, value]) => name.startsWith("AI_") && value)
      .flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ...process.argv.slice(2),
  ],
  { cwd: apiDir, env: quietEnv, stdio: "inherit" },
);
children.push(wrangler);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
wrangler.on("exit", (code) => {
  for (const child of children) if (child !== wrangler) child.kill("SIGTERM");
  process.exit(code ?? 0);
});
