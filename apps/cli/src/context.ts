import { type Cadence, createCadence } from "@cadence/sdk";
import { type Env, resolveConnection } from "./config.js";
import { UsageError } from "./errors.js";
import type { Output } from "./output.js";

export const USER_AGENT = "cadence-cli/0.1.0";

/** What every command gets: where to print, the environment, and a client made on first use. */
export interface Context {
  output: Output;
  env: Env;
  /** The global `--api-key` / `--base-url` flags, if given. */
  flags: { apiKey?: string; baseUrl?: string };
  /** A client for the resolved connection; a usage error when no API key is known. */
  client(): Cadence;
}

export function createContext(output: Output, env: Env, flags: Context["flags"]): Context {
  let cadence: Cadence | undefined;
  return {
    output,
    env,
    flags,
    client() {
      if (cadence) return cadence;
      const { apiKey, baseUrl } = resolveConnection(flags, env);
      if (!apiKey) {
        throw new UsageError("no API key: run `cadence login`, set CADENCE_API_KEY, or pass --api-key");
      }
      cadence = createCadence({ apiKey, baseUrl, headers: { "User-Agent": USER_AGENT } });
      return cadence;
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `{ path: { campaign_id } }` params of a campaign route, after checking the id's form. */
export function campaignParams(id: string) {
  if (!UUID.test(id))
    throw new UsageError(`"${id}" is not a campaign id (a UUID, as \`campaigns create\` prints)`);
  return { path: { campaign_id: id.toLowerCase() } };
}
