// `pnpm dev`: migrate the local D1, print a demo user's key, and serve the API with wrangler dev on loopback.
import { spawn } from "node:child_process";
import path from "node:path";
import { apiDir, createLocalUserKey, migrateLocal, quietEnv } from "./local.mjs";

const port = process.env.PORT ?? "8787";
const host = process.env.HOST ?? "127.0.0.1";

migrateLocal();
const { key } = createLocalUserKey({ name: "Demo user" });
console.log(`
Cadence is starting on http://${host}:${port}   (docs: http://${host}:${port}/docs)
Demo API key (shown once):

  ${key}

Try:  curl -H "Authorization: Bearer ${key}" http://${host}:${port}/api/v1/auth/me
`);

const child = spawn(
  path.join(apiDir, "node_modules", ".bin", "wrangler"),
  [
    "dev",
    "--ip",
    host,
    "--port",
    port,
    "--show-interactive-dev-session=false",
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
    ...process.argv.slice(2),
  ],
  { cwd: apiDir, env: quietEnv, stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
