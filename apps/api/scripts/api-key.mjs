// `pnpm --silent api-key`: create a user and print a ready API key on stdout, nothing else.
//   default:   in the local D1 that `pnpm dev` serves (through wrangler; no server needed)
//   --remote:  against a deployment, through POST /api/v1/admin/users with the operator token
//              (`pnpm api-key --remote --url https://cadence.example.com [--admin-token-env ADMIN_TOKEN]`)
import { pathToFileURL } from "node:url";

const USAGE = `usage: pnpm --silent api-key [--email E] [--name N]
       pnpm --silent api-key --remote --url https://<deployment> [--admin-token-env ADMIN_TOKEN]
                             [--email E] [--name N] [--key-name K]

  (default)          create the user in the local D1 that \`pnpm dev\` uses
  --remote           create it on a deployment through its admin API
  --url              the deployment's origin (https; http only for localhost or 127.0.0.1)
  --admin-token-env  the environment variable holding the operator token (default ADMIN_TOKEN);
                     the token is never read from the command line, where shells and ps would keep it`;

export class UsageError extends Error {}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Reads the arguments; a bare `--` (as pnpm may pass it) is ignored. */
export function parseApiKeyArgs(argv) {
  const args = { remote: false, url: null, tokenEnv: "ADMIN_TOKEN", email: null, name: null, keyName: null };
  const flags = {
    "--url": "url",
    "--admin-token-env": "tokenEnv",
    "--email": "email",
    "--name": "name",
    "--key-name": "keyName",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") continue;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    if (flag === "--remote") args.remote = true;
    else if (flag === "--help" || flag === "-h") args.help = true;
    else if (flag === "--admin-token") {
      throw new UsageError(
        "--admin-token is not accepted: put the token in an environment variable (--admin-token-env)",
      );
    } else if (flag in flags) {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      args[flags[flag]] = v;
    } else throw new UsageError(`unknown argument: ${arg}`);
  }
  if (args.help) return args;
  if (!args.remote) {
    for (const f of ["url", "keyName"]) {
      if (args[f] !== null) throw new UsageError(`--${f === "url" ? "url" : "key-name"} needs --remote`);
    }
    return args;
  }
  if (!args.url) throw new UsageError("--remote needs --url https://<your deployment>");
  let url;
  try {
    url = new URL(args.url);
  } catch {
    throw new UsageError(`--url is not a URL: ${args.url}`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname)))
    throw new UsageError("--url must use https (the operator token travels in it)");
  if (url.pathname !== "/" || url.search || url.hash || url.username)
    throw new UsageError(`--url must be the deployment's origin only, e.g. ${url.origin}`);
  args.url = url.origin;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(args.tokenEnv))
    throw new UsageError("--admin-token-env must name a variable");
  return args;
}

/**
 * POST {url}/api/v1/admin/users with the operator token; returns the raw key. `fetchImpl` is the
 * network (injected in tests). Errors carry the API's own code and message.
 */
export async function createRemoteUserKey(args, token, fetchImpl = fetch) {
  const body = {};
  if (args.email) body.email = args.email;
  if (args.name) body.name = args.name;
  if (args.keyName) body.key_name = args.keyName;
  let res;
  try {
    res = await fetchImpl(`${args.url}/api/v1/admin/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      redirect: "manual",
    });
  } catch (err) {
    throw new Error(`could not reach ${args.url}: ${err.cause?.message ?? err.message}`);
  }
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  if (res.status !== 201 || typeof json?.api_key?.key !== "string") {
    const why = json?.detail ? `${json.detail}: ${json.message}` : text.slice(0, 300) || "no body";
    throw new Error(`${args.url} answered ${res.status} (${why})`);
  }
  return json.api_key.key;
}

/** Returns the exit code; writes only the key to `out`. */
export async function main({ argv, env, out, err, fetchImpl, local }) {
  let args;
  try {
    args = parseApiKeyArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    err(`${USAGE}\n`);
    return 0;
  }
  try {
    if (!args.remote) {
      out(`${(await local({ email: args.email, name: args.name ?? undefined })).key}\n`);
      return 0;
    }
    const token = env[args.tokenEnv]?.trim();
    if (!token) {
      err(`${args.tokenEnv} is not set: export the deployment's operator token in it (see docs/deploy.md)\n`);
      return 2;
    }
    out(`${await createRemoteUserKey(args, token, fetchImpl)}\n`);
    return 0;
  } catch (e) {
    err(`could not create an API key: ${e.stderr ?? e.message}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const code = await main({
    argv: process.argv.slice(2),
    env: process.env,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    fetchImpl: fetch,
    local: async (opts) => {
      // Loaded only for local keys, so --remote needs no wrangler.
      const { createLocalUserKey, migrateLocal } = await import("./local.mjs");
      migrateLocal();
      return createLocalUserKey(opts);
    },
  });
  process.exit(code);
}
