import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { configProblems, deploy, parseDeployArgs, UsageError, wranglerConfigReader } from "./deploy.mjs";

// The deploy command with wrangler's own configuration reader and a recording command runner in place
// of Cloudflare: its arguments, its checks and the order of what it would run, without a network.

const apiDir = path.resolve(import.meta.dirname, "..");
const shipped = readFileSync(path.join(apiDir, "wrangler.jsonc"), "utf8");
const D1_ID = "3f8a2c1e-5b7d-4e9f-a1c2-0d4e6f8a9b1c";

/** The shipped configuration with its production placeholders replaced, as an operator would. */
function readyConfig(edit = (text) => text) {
  const file = path.join(os.tmpdir(), `cadence-wrangler-${crypto.randomUUID()}.jsonc`);
  const text = shipped
    .replace('"main": "src/index.ts"', `"main": ${JSON.stringify(path.join(apiDir, "src/index.ts"))}`)
    .replaceAll(
      '"../../packages/db/migrations"',
      JSON.stringify(path.join(apiDir, "../../packages/db/migrations")),
    )
    .replace('"https://cadence.example.com"', '"https://cadence.acme.io"')
    .replace(
      /("database_name": "cadence-production",\s*\/\/[^\n]*\n\s*"database_id": )"[^"]+"/,
      `$1"${D1_ID}"`,
    );
  writeFileSync(file, edit(text));
  return file;
}

/** Records wrangler invocations; answers `secret list` with the given names. */
function recorder(secrets = ["SECRETS_KEY", "LINK_SIGNING_KEY", "ADMIN_TOKEN"]) {
  const calls = [];
  const run = (args) => {
    calls.push(args.join(" "));
    if (args[0] === "secret" && args[1] === "list") {
      if (secrets === "missing-worker")
        throw Object.assign(new Error("failed"), { stderr: 'Worker "x" not found.' });
      return JSON.stringify(secrets.map((name) => ({ name, type: "secret_text" })));
    }
    return "";
  };
  return { calls, run };
}

let readConfig;
beforeAll(async () => {
  readConfig = await wranglerConfigReader();
});

async function runDeploy(argv, runner = recorder()) {
  const out = [];
  const err = [];
  const code = await deploy({
    argv,
    run: runner.run,
    readConfig,
    log: (l) => out.push(l),
    error: (l) => err.push(l),
  });
  return { code, out: out.join("\n"), err: err.join("\n"), calls: runner.calls };
}

describe("deploy arguments", () => {
  it("reads --env in every form pnpm passes it, and --dry-run and --config", () => {
    expect(parseDeployArgs(["--", "--env", "production"])).toMatchObject({
      env: "production",
      dryRun: false,
    });
    expect(parseDeployArgs(["--env=staging", "--dry-run"])).toMatchObject({ env: "staging", dryRun: true });
    expect(parseDeployArgs(["-e", "production", "--config", "x.jsonc"])).toMatchObject({ config: "x.jsonc" });
    expect(parseDeployArgs(["--help"]).help).toBe(true);
  });

  it("refuses a missing or valueless --env and unknown flags", () => {
    expect(() => parseDeployArgs([])).toThrow(UsageError);
    expect(() => parseDeployArgs(["--env"])).toThrow(/--env needs a value/);
    expect(() => parseDeployArgs(["--env", "--dry-run"])).toThrow(/--env needs a value/);
    expect(() => parseDeployArgs(["--env", "production", "--force"])).toThrow(/unknown argument: --force/);
  });

  it("exits 2 with the usage, and runs nothing, on bad arguments or an unknown environment", async () => {
    const bad = await runDeploy([]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("usage: pnpm run deploy");
    const unknown = await runDeploy(["--env", "prod"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no environment "prod"');
    expect([...bad.calls, ...unknown.calls]).toEqual([]);
  });
});

describe("deploy checks", () => {
  it("refuses the shipped configuration's placeholders before touching Cloudflare", async () => {
    for (const env of ["staging", "production"]) {
      const res = await runDeploy(["--env", env]);
      expect(res.code).toBe(1);
      expect(res.err).toContain("PUBLIC_BASE_URL is still the placeholder");
      expect(res.err).toContain("database_id is the placeholder");
      expect(res.calls).toEqual([]);
    }
  });

  it("with the placeholders replaced: checks secrets, applies migrations remotely, then deploys", async () => {
    const config = readyConfig();
    const res = await runDeploy(["--", "--env", "production", "--config", config]);
    expect(res.err).toBe("");
    expect(res.code).toBe(0);
    expect(res.calls).toEqual([
      `secret list --config ${config} --env production --format json`,
      `d1 migrations apply DB --remote --config ${config} --env production`,
      `deploy --config ${config} --env production`,
    ]);
    expect(res.out).toContain("https://cadence.acme.io/healthz");
  });

  it("builds the dashboard (the Worker's static assets) before anything is deployed", async () => {
    const config = readyConfig();
    const runner = recorder();
    const code = await deploy({
      argv: ["--env", "production", "--config", config],
      run: runner.run,
      readConfig,
      buildDashboard: () => runner.calls.push("build the dashboard"),
      log: () => {},
      error: () => {},
    });
    expect(code).toBe(0);
    expect(runner.calls[0]).toBe("build the dashboard");
    expect(runner.calls.at(-1)).toBe(`deploy --config ${config} --env production`);
  });

  it("refuses to migrate or deploy while a required secret is missing, and names the command to set it", async () => {
    const res = await runDeploy(
      ["--env", "production", "--config", readyConfig()],
      recorder(["SECRETS_KEY"]),
    );
    expect(res.code).toBe(1);
    expect(res.err).toContain("wrangler secret put LINK_SIGNING_KEY --env production");
    expect(res.err).not.toContain("put SECRETS_KEY");
    expect(res.calls).toHaveLength(1);
  });

  it("says how to create a Worker that does not exist yet", async () => {
    const res = await runDeploy(
      ["--env", "production", "--config", readyConfig()],
      recorder("missing-worker"),
    );
    expect(res.code).toBe(1);
    expect(res.err).toContain("does not exist yet");
    expect(res.calls).toHaveLength(1);
  });

  it("notes a missing ADMIN_TOKEN without refusing", async () => {
    const res = await runDeploy(
      ["--env", "production", "--config", readyConfig()],
      recorder(["SECRETS_KEY", "LINK_SIGNING_KEY"]),
    );
    expect(res.code).toBe(0);
    expect(res.out).toContain("ADMIN_TOKEN is not set");
  });

  it("--dry-run builds without listing secrets, migrating or uploading", async () => {
    const config = readyConfig();
    const res = await runDeploy(["--env", "production", "--dry-run", "--config", config]);
    expect(res.code).toBe(0);
    expect(res.calls).toHaveLength(1);
    expect(res.calls[0]).toMatch(
      new RegExp(`^deploy --dry-run --config ${config} --env production --outdir `),
    );
  });

  it("catches what wrangler environments do not inherit", async () => {
    const { config: topLevel } = readConfig(undefined, readyConfig());
    const file = readyConfig((text) =>
      text
        .replace(
          /"production": \{\s*"name": "cadence-api-production",/,
          '"production": { "name": "cadence-api",',
        )
        .replace(
          /("ENVIRONMENT": "production",\s*"PUBLIC_BASE_URL": "https:\/\/cadence.acme.io",)\s*"RATE_LIMIT_PER_MINUTE": "6000",/,
          "$1",
        ),
    );
    const { config } = readConfig("production", file);
    const problems = configProblems(
      { ...config, durable_objects: { bindings: config.durable_objects.bindings.slice(1) } },
      topLevel,
      "production",
    );
    expect(problems.join("\n")).toContain('give the environment its own Worker name (not "cadence-api")');
    expect(problems.join("\n")).toContain("vars.RATE_LIMIT_PER_MINUTE is missing");
    expect(problems.join("\n")).toContain("binding CAMPAIGN (CampaignObject) is missing");
    const local = configProblems(
      { ...config, vars: { ...config.vars, ENVIRONMENT: "local" } },
      topLevel,
      "production",
    );
    expect(local.join("\n")).toContain('not to "local"');
    const http = configProblems(
      { ...config, vars: { ...config.vars, PUBLIC_BASE_URL: "http://cadence.acme.io" } },
      topLevel,
      "production",
    );
    expect(http.join("\n")).toContain("must use https");
  });
});
