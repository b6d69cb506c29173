// `pnpm run deploy -- --env production`: check a named environment of wrangler.jsonc and its secrets,
// apply the D1 migrations remotely, then deploy. `--dry-run` checks the configuration and builds the
// bundle without touching Cloudflare. Every step that talks to Cloudflare goes through `run` (wrangler),
// so the checks are testable without a network (scripts/deploy.test.mjs).
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { apiDir, quietEnv } from "./local.mjs";

/** Secrets a deployment refuses to serve without (the Worker answers 500 naming them). */
export const REQUIRED_SECRETS = ["SECRETS_KEY", "LINK_SIGNING_KEY"];
/** Secrets that turn on something optional; their absence is reported, not refused. */
export const OPTIONAL_SECRETS = {
  ADMIN_TOKEN: "the admin API (/api/v1/admin/*) stays disabled: no first user without it",
  SECRETS_KEY_PREVIOUS: null,
};

const USAGE = `usage: pnpm run deploy -- --env <staging|production> [--dry-run] [--config <wrangler.jsonc>]

  --env       the environment of wrangler.jsonc to deploy (required)
  --dry-run   check the configuration and build the bundle; no secret check, migration nor upload
  --config    another wrangler configuration file (default: apps/api/wrangler.jsonc)`;

export class UsageError extends Error {}

/** Reads `--env NAME` / `--env=NAME`, `--dry-run`, `--config PATH`, `--help`; a bare `--` is ignored. */
export function parseDeployArgs(argv) {
  const args = { env: null, dryRun: false, config: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") continue;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "--env" || flag === "-e") args.env = value();
    else if (flag === "--config" || flag === "-c") args.config = value();
    else if (flag === "--dry-run") args.dryRun = true;
    else if (flag === "--help" || flag === "-h") args.help = true;
    else throw new UsageError(`unknown argument: ${arg}`);
  }
  if (!args.help && !args.env) throw new UsageError("--env is required (staging or production)");
  return args;
}

const PLACEHOLDER_ID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Names reserved for examples and tests (RFC 2606, RFC 6761): never a real deployment's origin. */
const RESERVED_HOST = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)\.?$/i;

/**
 * What is wrong with environment `envName` as wrangler resolved it (`config`), compared with the
 * top-level configuration (`topLevel`) whose Durable Object bindings and variables it must repeat,
 * since wrangler does not inherit them. Empty when it can be deployed.
 */
export function configProblems(config, topLevel, envName) {
  const problems = [];
  const at = `env.${envName}`;
  if (!config.name || config.name === topLevel.name)
    problems.push(`${at}.name: give the environment its own Worker name (not "${topLevel.name}")`);
  const vars = config.vars ?? {};
  if (!vars.ENVIRONMENT || vars.ENVIRONMENT === "local")
    problems.push(`${at}.vars.ENVIRONMENT must be set, and not to "local" (it would use development keys)`);
  const base = vars.PUBLIC_BASE_URL;
  let url = null;
  try {
    url = base ? new URL(base) : null;
  } catch {}
  if (!url) problems.push(`${at}.vars.PUBLIC_BASE_URL must be the https origin that will serve this Worker`);
  else if (url.protocol !== "https:") problems.push(`${at}.vars.PUBLIC_BASE_URL must use https (${base})`);
  else if (RESERVED_HOST.test(url.hostname))
    problems.push(`${at}.vars.PUBLIC_BASE_URL is still the placeholder ${base}: set your own origin`);
  else if (url.pathname !== "/" || url.search || url.hash)
    problems.push(`${at}.vars.PUBLIC_BASE_URL must be an origin only (no path): ${base}`);
  for (const name of Object.keys(topLevel.vars ?? {})) {
    if (!(name in vars)) problems.push(`${at}.vars.${name} is missing (environments do not inherit vars)`);
  }
  const db = (config.d1_databases ?? []).find((d) => d.binding === "DB");
  if (!db) problems.push(`${at}.d1_databases: no DB binding (environments do not inherit d1_databases)`);
  else if (!db.database_id || PLACEHOLDER_ID.test(db.database_id))
    problems.push(
      `${at}.d1_databases DB.database_id is the placeholder: run \`wrangler d1 create ${db.database_name ?? "<name>"}\` and put the id it prints there`,
    );
  else if (!UUID.test(db.database_id)) problems.push(`${at}.d1_databases DB.database_id is not a D1 id`);
  const bound = new Set((config.durable_objects?.bindings ?? []).map((b) => b.name));
  for (const b of topLevel.durable_objects?.bindings ?? []) {
    if (!bound.has(b.name))
      problems.push(
        `${at}.durable_objects: binding ${b.name} (${b.class_name}) is missing (environments do not inherit it)`,
      );
  }
  return problems;
}

/** Names of the secrets `wrangler secret list --format json` printed. */
export function secretNames(listOutput) {
  let parsed;
  try {
    parsed = JSON.parse(listOutput.slice(listOutput.indexOf("[")));
  } catch {
    throw new Error(`could not read \`wrangler secret list\` output: ${listOutput.slice(0, 200)}`);
  }
  return new Set(parsed.map((s) => s.name));
}

/** The wrangler arguments that select the configuration and the environment. */
const target = (args) => [...(args.config ? ["--config", args.config] : []), "--env", args.env];

/**
 * Runs the deploy. `run(wranglerArgs, { capture })` runs wrangler (returning stdout when capturing,
 * throwing with `.stderr` on failure); `readConfig(envName | undefined, configPath)` resolves the
 * configuration as wrangler does, returning `{ config, envNames }`. Returns the exit code.
 */
export async function deploy({
  argv,
  run,
  readConfig,
  buildDashboard = () => {},
  log = console.log,
  error = console.error,
}) {
  let args;
  try {
    args = parseDeployArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    error(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    log(USAGE);
    return 0;
  }
  const { config: topLevel, envNames } = readConfig(undefined, args.config);
  if (!envNames.includes(args.env)) {
    error(
      `no environment "${args.env}" in the wrangler configuration (it has: ${envNames.join(", ") || "none"})`,
    );
    return 2;
  }
  const { config } = readConfig(args.env, args.config);
  const problems = configProblems(config, topLevel, args.env);
  if (problems.length > 0) {
    error(
      `${config.name}: the configuration is not ready to deploy:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    return 1;
  }
  log(
    `${config.name}: configuration ok (${config.vars.PUBLIC_BASE_URL}, D1 ${config.d1_databases[0].database_name})`,
  );

  // The dashboard ships as the Worker's static assets (wrangler.jsonc `assets`): build it first.
  buildDashboard();

  if (args.dryRun) {
    const outdir = mkdtempSync(path.join(os.tmpdir(), "cadence-deploy-"));
    run(["deploy", "--dry-run", ...target(args), "--outdir", outdir], { capture: false });
    log(`dry run: bundle built in ${outdir}; nothing was uploaded`);
    return 0;
  }

  let names;
  try {
    names = secretNames(run(["secret", "list", ...target(args), "--format", "json"], { capture: true }));
  } catch (err) {
    const detail = String(err.stderr ?? err.message);
    if (/not found/i.test(detail)) {
      error(
        `${config.name} does not exist yet. Set its secrets first (this creates it):\n${REQUIRED_SECRETS.map((s) => `  openssl rand -base64 32 | npx wrangler secret put ${s} --env ${args.env}`).join("\n")}`,
      );
    } else error(`could not list the secrets of ${config.name}: ${detail.trim()}`);
    return 1;
  }
  const missing = REQUIRED_SECRETS.filter((s) => !names.has(s));
  if (missing.length > 0) {
    error(
      `${config.name} is missing secrets it cannot serve without:\n${missing.map((s) => `  openssl rand -base64 32 | npx wrangler secret put ${s} --env ${args.env}`).join("\n")}`,
    );
    return 1;
  }
  for (const [name, note] of Object.entries(OPTIONAL_SECRETS)) {
    if (note && !names.has(name)) log(`note: ${name} is not set: ${note}`);
  }
  log(`${config.name}: secrets ok (${[...names].sort().join(", ")})`);

  run(["d1", "migrations", "apply", "DB", "--remote", ...target(args)], { capture: false });
  run(["deploy", ...target(args)], { capture: false });
  log(
    `${config.name}: deployed. Check it: curl ${config.vars.PUBLIC_BASE_URL}/healthz (200 when ready; 503 names the failing check)`,
  );
  return 0;
}

function wranglerRunner(wranglerArgs, { capture }) {
  return execFileSync(path.join(apiDir, "node_modules", ".bin", "wrangler"), wranglerArgs, {
    cwd: apiDir,
    env: quietEnv,
    encoding: "utf8",
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
  });
}

/** The configuration as wrangler resolves it for one environment (or the top level), and the environments' names. */
export async function wranglerConfigReader() {
  const wrangler = await import("wrangler");
  return (envName, configPath) => {
    const file = path.resolve(apiDir, configPath ?? "wrangler.jsonc");
    const raw = wrangler.experimental_readRawConfig({ config: file }).rawConfig;
    return {
      config: wrangler.unstable_readConfig({ config: file, env: envName }, { hideWarnings: true }),
      envNames: Object.keys(raw.env ?? {}),
    };
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const code = await deploy({
    argv: process.argv.slice(2),
    run: wranglerRunner,
    readConfig: await wranglerConfigReader(),
    buildDashboard: () =>
      execFileSync("pnpm", ["--silent", "run", "build"], {
        cwd: path.resolve(apiDir, "../web"),
        stdio: "inherit",
      }),
  }).catch((err) => {
    console.error(`deploy failed: ${err.stderr ?? err.message}`);
    return 1;
  });
  process.exit(code);
}
