import readline from "node:readline";
import { Writable } from "node:stream";
import { createCadence, DEFAULT_BASE_URL } from "@cadence/sdk";
import { configPath, readConfig, writeConfig } from "../config.js";
import { type Context, USER_AGENT } from "../context.js";
import { UsageError } from "../errors.js";

/** The key from stdin: a hidden prompt on a terminal, otherwise whatever was piped in. */
async function readKey(ctx: Context): Promise<string | undefined> {
  if (process.stdin.isTTY) {
    // readline writes the typed characters to its output: give it one that drops them.
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = readline.createInterface({ input: process.stdin, output: silent, terminal: true });
    ctx.output.stderr.write("API key: ");
    const answer = await new Promise<string>((resolve) => rl.question("", resolve));
    rl.close();
    ctx.output.stderr.write("\n");
    return answer.trim() || undefined;
  }
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.trim() || undefined;
}

/** `cadence login`: checks the key against the API, then saves key and base URL (file mode 600). */
export async function login(ctx: Context): Promise<void> {
  const file = configPath(ctx.env);
  const saved = readConfig(file);
  const baseUrl = (
    ctx.flags.baseUrl ||
    ctx.env.CADENCE_BASE_URL ||
    saved.base_url ||
    DEFAULT_BASE_URL
  ).replace(/\/+$/, "");
  const apiKey = ctx.flags.apiKey || ctx.env.CADENCE_API_KEY || (await readKey(ctx));
  if (!apiKey)
    throw new UsageError("no API key given: pass --api-key, set CADENCE_API_KEY, or type it when asked");

  const cadence = createCadence({ apiKey, baseUrl, headers: { "User-Agent": USER_AGENT } });
  const me = await cadence.get("/api/v1/auth/me");
  writeConfig(file, { api_key: apiKey, base_url: baseUrl });
  ctx.output.result({ user: me, base_url: baseUrl, config_path: file }, () => {
    ctx.output.line(`Logged in to ${baseUrl} as ${me.email ?? me.name ?? me.user_id}.`);
    ctx.output.line(`Saved to ${file} (readable by you only).`);
  });
}
