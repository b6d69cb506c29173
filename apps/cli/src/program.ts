import { Command, InvalidArgumentError, Option } from "commander";
import { createCampaign } from "./commands/campaigns.js";
import { importDataset } from "./commands/datasets.js";
import { launch, pause, preflight, resume } from "./commands/lifecycle.js";
import { login } from "./commands/login.js";
import { STATS_FORMATS, type StatsFormat, stats } from "./commands/stats.js";
import { watch } from "./commands/watch.js";
import type { Env } from "./config.js";
import { type Context, createContext } from "./context.js";
import { EXIT } from "./errors.js";
import { Output } from "./output.js";

interface GlobalFlags {
  json?: boolean;
  apiKey?: string;
  baseUrl?: string;
}

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new InvalidArgumentError("must be a number of seconds > 0");
  return seconds;
}

/**
 * The `cadence` command line. Each action returns its exit code through `setExit`: 0 success,
 * 1 API error, 2 usage error (commander's own parse errors included), 130 interrupted.
 */
export function buildProgram(env: Env, setExit: (code: number) => void, setOutput: (output: Output) => void) {
  const program = new Command("cadence")
    .description("The Cadence API from the command line.")
    .version("0.1.0")
    .option("--json", "print JSON on stdout, for scripts (no progress bars)")
    .option("--api-key <key>", "API key (default: $CADENCE_API_KEY, then the saved login)")
    .option(
      "--base-url <url>",
      "API origin (default: $CADENCE_BASE_URL, then the saved login, then http://127.0.0.1:8787)",
    )
    .showHelpAfterError("(run `cadence --help` for usage)")
    .exitOverride();

  /** Wraps an action: builds the context from the global flags and records the exit code it returns. */
  const action =
    <A extends unknown[]>(run: (ctx: Context, ...args: A) => Promise<unknown>) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const flags = command.optsWithGlobals<GlobalFlags>();
      const output = new Output(Boolean(flags.json));
      setOutput(output);
      const ctx = createContext(output, env, { apiKey: flags.apiKey, baseUrl: flags.baseUrl });
      const code = await run(ctx, ...(args.slice(0, -1) as A));
      setExit(typeof code === "number" ? code : EXIT.ok);
    };

  program
    .command("login")
    .description(
      "check an API key and save it with the base URL in $XDG_CONFIG_HOME/cadence/config.json (mode 600); the key comes from --api-key, $CADENCE_API_KEY or a prompt",
    )
    .action(action((ctx) => login(ctx)));

  const datasets = program.command("datasets").description("lead lists");
  datasets
    .command("import")
    .description("import a CSV file as a new dataset (streamed, with a progress bar)")
    .argument("<file>", "CSV file, header row first")
    .option("--name <name>", "dataset name (default: the file name)")
    .action(action((ctx, file: string, options: { name?: string }) => importDataset(ctx, file, options)));

  const campaigns = program.command("campaigns").description("campaigns");
  campaigns
    .command("create")
    .description("create a draft campaign from a YAML or JSON file, checked locally before anything is sent")
    .requiredOption("-f, --file <file>", "campaign.yaml or campaign.json (the API's CampaignCreate body)")
    .action(action((ctx, options: { file: string }) => createCampaign(ctx, options)));

  program
    .command("preflight")
    .description("check a campaign before launch: warnings as a table (exit 1 if the launch is blocked)")
    .argument("<campaign-id>")
    .action(action((ctx, id: string) => preflight(ctx, id)));
  program
    .command("launch")
    .description("launch a draft campaign")
    .argument("<campaign-id>")
    .action(action((ctx, id: string) => launch(ctx, id)));
  program
    .command("pause")
    .description("pause a live campaign")
    .argument("<campaign-id>")
    .option("--reason <text>", "why (shown as paused_reason)")
    .action(action((ctx, id: string, options: { reason?: string }) => pause(ctx, id, options)));
  program
    .command("resume")
    .description("resume a paused campaign where it stopped")
    .argument("<campaign-id>")
    .action(action((ctx, id: string) => resume(ctx, id)));
  program
    .command("watch")
    .description("follow a campaign live until it completes (Ctrl-C stops watching, not the campaign)")
    .argument("<campaign-id>")
    .option("--interval <seconds>", "time between polls", positiveSeconds, 2)
    .action(action((ctx, id: string, options: { interval: number }) => watch(ctx, id, options)));
  program
    .command("stats")
    .description("a campaign's statistics")
    .argument("<campaign-id>")
    .addOption(new Option("--format <format>", "output format").choices(STATS_FORMATS).default("table"))
    .action(action((ctx, id: string, options: { format: StatsFormat }) => stats(ctx, id, options)));

  return program;
}
