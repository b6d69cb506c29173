import { describe, expect, it } from "vitest";
import { cadence, cliEnv } from "./cli";

const someId = "6a1f3e0e-0000-4000-8000-000000000000";

describe("usage", () => {
  it("--help lists every command and exits 0", async () => {
    const { code, stdout } = await cadence(["--help"]);
    expect(code).toBe(0);
    for (const command of [
      "login",
      "datasets",
      "campaigns",
      "preflight",
      "launch",
      "pause",
      "resume",
      "watch",
      "stats",
    ]) {
      expect(stdout).toContain(command);
    }
  });

  it.each([
    [["bogus"], "unknown command 'bogus'"],
    [["launch"], "missing required argument 'campaign-id'"],
    [["campaigns", "create"], "required option '-f, --file <file>' not specified"],
    [["stats", someId, "--format", "xml"], "Allowed choices are table, csv, json"],
    [["watch", someId, "--interval", "0"], "must be a number of seconds > 0"],
    [["launch", "not-an-id"], '"not-an-id" is not a campaign id'],
  ])("%j is a usage error: exit 2", async (args, message) => {
    const { code, stdout, stderr } = await cadence(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe("");
  });

  it("without any API key is a usage error that says how to log in", async () => {
    const { code, stderr } = await cadence(["launch", someId], {
      env: cliEnv({ CADENCE_API_KEY: undefined }),
    });
    expect(code).toBe(2);
    expect(stderr).toContain("no API key: run `cadence login`");
  });

  it("with --json, reports errors as JSON on stderr and keeps stdout empty", async () => {
    const { code, stdout, stderr } = await cadence(["--json", "launch", someId]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(JSON.parse(stderr)).toMatchObject({ error: { kind: "api", status: 404, detail: "NOT_FOUND" } });
  });

  it("an API error is exit 1 with its status, code, message and request id", async () => {
    const { code, stderr } = await cadence(["launch", someId]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: 404 NOT_FOUND: .+\n {2}\(request id [0-9a-f-]{36}\)\n$/);
  });

  it("an unreachable API is exit 1 and says so", async () => {
    // A POST carries an Idempotency-Key, so it is retried (with backoff) before giving up.
    const { code, stderr } = await cadence(["pause", someId], {
      env: cliEnv({ CADENCE_BASE_URL: "http://127.0.0.1:9" }),
    });
    expect(code).toBe(1);
    expect(stderr).toContain("error: could not reach the API: POST http://127.0.0.1:9/api/v1/campaigns/");
  });
});
