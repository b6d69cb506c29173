// The SDK README's "whole campaign in about twenty lines" program, run as written against the same
// dev server: create dataset, template, alias and campaign, preflight, launch, wait for completed.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const sdkDir = path.join(import.meta.dirname, "../../../packages/sdk");
const example = path.join(sdkDir, "examples/whole-campaign.ts");

describe("the SDK's whole-campaign example", () => {
  it("is the program the SDK README shows", () => {
    const readme = fs.readFileSync(path.join(sdkDir, "README.md"), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${fs.readFileSync(example, "utf8")}\`\`\``);
  });

  it("runs a campaign to completion", async () => {
    // tsx runs the TypeScript as is; `@cadence/sdk` resolves to the package itself.
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", example], {
      cwd: sdkDir,
      env: { PATH: process.env.PATH, CADENCE_API_KEY: inject("apiKey"), CADENCE_BASE_URL: inject("baseUrl") },
      timeout: 50_000,
    });
    expect(stdout).toBe("Hello world: completed, 2/2 leads\n");
  });
});
