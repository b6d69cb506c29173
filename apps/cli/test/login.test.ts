import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { cadence, cliEnv, tempDir } from "./cli";

const csv = "Email,First Name\nada@example.com,Ada\n";

function writeCsv() {
  const file = path.join(tempDir(), "leads.csv");
  fs.writeFileSync(file, csv);
  return file;
}

describe("login", () => {
  it("checks the key, then saves key and base URL in $XDG_CONFIG_HOME/cadence/config.json, mode 600", async () => {
    const configHome = tempDir();
    const env = cliEnv({
      XDG_CONFIG_HOME: configHome,
      CADENCE_API_KEY: undefined,
      CADENCE_BASE_URL: undefined,
    });
    const { code, stdout } = await cadence(
      ["login", "--api-key", inject("apiKey"), "--base-url", `${inject("baseUrl")}/`],
      { env },
    );
    expect(code).toBe(0);
    expect(stdout).toContain(`Logged in to ${inject("baseUrl")} as `);
    const file = path.join(configHome, "cadence", "config.json");
    expect(stdout).toContain(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({
      api_key: inject("apiKey"),
      base_url: inject("baseUrl"),
    });

    // Later commands use the saved login: no key or URL in the environment.
    const imported = await cadence(["datasets", "import", writeCsv()], { env });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("1 rows");
  });

  it("falls back to ~/.config without XDG_CONFIG_HOME, and reads the key from stdin", async () => {
    const home = tempDir();
    const env = cliEnv({ HOME: home, XDG_CONFIG_HOME: undefined, CADENCE_API_KEY: undefined });
    const { code } = await cadence(["login"], { env, input: `${inject("apiKey")}\n` });
    expect(code).toBe(0);
    const file = path.join(home, ".config", "cadence", "config.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).api_key).toBe(inject("apiKey"));
  });

  it("refuses a wrong key with the API's 401 and saves nothing", async () => {
    const configHome = tempDir();
    const env = cliEnv({ XDG_CONFIG_HOME: configHome, CADENCE_API_KEY: undefined });
    const { code, stderr } = await cadence(["login", "--api-key", "cad_wrongwrongwrongwrong"], { env });
    expect(code).toBe(1);
    expect(stderr).toContain("401 UNAUTHORIZED");
    expect(fs.existsSync(path.join(configHome, "cadence"))).toBe(false);
  });

  it("lets CADENCE_API_KEY and CADENCE_BASE_URL override the saved login", async () => {
    const configHome = tempDir();
    fs.mkdirSync(path.join(configHome, "cadence"));
    fs.writeFileSync(
      path.join(configHome, "cadence", "config.json"),
      JSON.stringify({ api_key: "cad_stalestalestalestale", base_url: "http://127.0.0.1:9" }),
    );
    const env = cliEnv({ XDG_CONFIG_HOME: configHome });
    const { code } = await cadence(["datasets", "import", writeCsv()], { env });
    expect(code).toBe(0);
    const stale = await cadence(["datasets", "import", writeCsv()], {
      env: cliEnv({ XDG_CONFIG_HOME: configHome, CADENCE_API_KEY: undefined }),
    });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("401 UNAUTHORIZED");
  });

  it("prints the user as JSON with --json", async () => {
    const env = cliEnv({ CADENCE_API_KEY: undefined });
    const { code, stdout } = await cadence(["login", "--json", "--api-key", inject("apiKey")], { env });
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.user.user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.base_url).toBe(inject("baseUrl"));
    expect(result.config_path).toBe(path.join(env.XDG_CONFIG_HOME!, "cadence", "config.json"));
  });
});
