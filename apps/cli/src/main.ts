#!/usr/bin/env node
import { EXIT } from "./errors.js";
import { Output } from "./output.js";
import { buildProgram } from "./program.js";

/** Runs the command line and resolves with its exit code. */
export async function run(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let code: number = EXIT.ok;
  let output = new Output(argv.includes("--json"));
  const program = buildProgram(
    env,
    (c) => {
      code = c;
    },
    (o) => {
      output = o;
    },
  );
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (err) {
    return output.error(err);
  }
}

process.exitCode = await run(process.argv.slice(2), process.env);
