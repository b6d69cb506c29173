import { CadenceApiError, CadenceConnectionError } from "@cadence/sdk";
import Table from "cli-table3";
import { CommanderError } from "commander";
import { EXIT, formatPath, UsageError } from "./errors.js";

/**
 * Where a command's results go. Human output is lines and tables on stdout; with `--json`, stdout
 * carries only JSON (one document, or one line per update for `watch`), for scripts. Progress, notes
 * and errors go to stderr.
 */
export class Output {
  constructor(
    readonly json: boolean,
    readonly stdout: NodeJS.WriteStream = process.stdout,
    readonly stderr: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Prints `value` as JSON with `--json`, otherwise runs `human`. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else human();
  }

  /** One JSON document per line (`--json` streams). */
  jsonLine(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value)}\n`);
  }

  line(text = ""): void {
    this.stdout.write(`${text}\n`);
  }

  /** A remark for a person (hints, what happens next): stderr, and never with `--json`. */
  note(text: string): void {
    if (!this.json) this.stderr.write(`${text}\n`);
  }

  table(head: string[], rows: (string | number | null | undefined)[][]): void {
    // No colours: the table reads the same in a terminal, a log and a test.
    const table = new Table({ head, style: { head: [], border: [] } });
    for (const row of rows)
      table.push(row.map((cell) => (cell === null || cell === undefined ? "" : String(cell))));
    this.line(table.toString());
  }

  /** Reports `err` and returns the exit code it maps to. */
  error(err: unknown): number {
    if (err instanceof CommanderError) {
      // Commander printed its own message (usage, help, version).
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      this.reportError({ kind: "usage", message: err.message, details: err.details }, [
        `error: ${err.message}`,
        ...err.details.map((d) => `  ${d}`),
      ]);
      return EXIT.usage;
    }
    if (err instanceof CadenceApiError) {
      const issues = err.errors.map((issue) => `  ${formatPath(issue.loc)}: ${issue.msg}`);
      this.reportError(
        {
          kind: "api",
          status: err.status,
          detail: err.detail,
          message: err.message,
          request_id: err.request_id,
          errors: err.errors,
        },
        [
          `error: ${err.status} ${err.detail}: ${err.message}`,
          ...issues,
          ...(err.request_id ? [`  (request id ${err.request_id})`] : []),
        ],
      );
      return EXIT.apiError;
    }
    if (err instanceof CadenceConnectionError) {
      this.reportError({ kind: "connection", message: err.message }, [
        `error: could not reach the API: ${err.message}`,
        "  Is it running? `pnpm dev` serves it on http://127.0.0.1:8787; see `cadence login --help`.",
      ]);
      return EXIT.apiError;
    }
    const message = err instanceof Error ? err.message : String(err);
    this.reportError({ kind: "internal", message }, [`error: ${message}`]);
    return EXIT.apiError;
  }

  private reportError(json: Record<string, unknown>, lines: string[]): void {
    if (this.json) this.stderr.write(`${JSON.stringify({ error: json })}\n`);
    else this.stderr.write(`${lines.join("\n")}\n`);
  }
}
