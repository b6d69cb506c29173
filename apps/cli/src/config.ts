import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_BASE_URL } from "@cadence/sdk";
import { UsageError } from "./errors.js";

/** What `cadence login` saves. */
export interface StoredConfig {
  api_key?: string;
  base_url?: string;
}

export type Env = Record<string, string | undefined>;

/** `$XDG_CONFIG_HOME/cadence/config.json`, or `~/.config/cadence/config.json` (a relative XDG path is ignored, as the spec says). */
export function configPath(env: Env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), ".config");
  return path.join(base, "cadence", "config.json");
}

export function readConfig(file: string): StoredConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      return parsed as StoredConfig;
  } catch {
    // Reported below.
  }
  throw new UsageError(`${file} is not a Cadence config file: run \`cadence login\` again`);
}

/**
 * Writes the config readable by its owner only: the directory 700, the file 600, written to a
 * temporary file created with that mode and renamed over the old one, so the key is never readable
 * by others, not even for a moment.
 */
export function writeConfig(file: string, config: StoredConfig): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}

export interface Connection {
  apiKey: string | undefined;
  baseUrl: string;
}

/** Flags first, then `CADENCE_API_KEY` / `CADENCE_BASE_URL`, then the saved login, then the local default. */
export function resolveConnection(flags: { apiKey?: string; baseUrl?: string }, env: Env): Connection {
  const saved = readConfig(configPath(env));
  return {
    apiKey: flags.apiKey || env.CADENCE_API_KEY || saved.api_key,
    baseUrl: (flags.baseUrl || env.CADENCE_BASE_URL || saved.base_url || DEFAULT_BASE_URL).replace(
      /\/+$/,
      "",
    ),
  };
}
