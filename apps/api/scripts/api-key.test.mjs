import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, parseApiKeyArgs, UsageError } from "./api-key.mjs";

// `pnpm api-key --remote`: argument handling with no network at all, then one exchange with a server on
// loopback that answers as a deployment's admin route does.

const TOKEN = "adm_0123456789abcdefghijklmnopqrstuvwxyz";

async function runMain(argv, { env = { ADMIN_TOKEN: TOKEN }, fetchImpl } = {}) {
  const out = [];
  const err = [];
  const locals = [];
  const fetches = [];
  const code = await main({
    argv,
    env,
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    fetchImpl:
      fetchImpl ??
      (async (...a) => {
        fetches.push(a);
        throw new Error("no network in this test");
      }),
    local: async (opts) => {
      locals.push(opts);
      return { key: "cad_local" };
    },
  });
  return { code, out: out.join(""), err: err.join(""), locals, fetches };
}

describe("api-key arguments", () => {
  it("keeps the local D1 as the default", async () => {
    const res = await runMain(["--email", "ada@acme.test"]);
    expect(res).toMatchObject({ code: 0, out: "cad_local\n", fetches: [] });
    expect(res.locals).toEqual([{ email: "ada@acme.test", name: undefined }]);
  });

  it("reads --remote with its options, in both --flag value and --flag=value forms", () => {
    expect(
      parseApiKeyArgs([
        "--",
        "--remote",
        "--url=https://cadence.acme.io",
        "--admin-token-env",
        "CADENCE_ADMIN",
      ]),
    ).toMatchObject({ remote: true, url: "https://cadence.acme.io", tokenEnv: "CADENCE_ADMIN" });
    expect(parseApiKeyArgs(["--remote", "--url", "https://cadence.acme.io/"]).tokenEnv).toBe("ADMIN_TOKEN");
    expect(parseApiKeyArgs(["--remote", "--url", "http://127.0.0.1:8787"]).url).toBe("http://127.0.0.1:8787");
  });

  it("refuses what would send the token badly or nowhere", () => {
    const refused = [
      [["--remote"], /needs --url/],
      [["--remote", "--url"], /--url needs a value/],
      [["--remote", "--url", "cadence.acme.io"], /not a URL/],
      [["--remote", "--url", "http://cadence.acme.io"], /must use https/],
      [["--remote", "--url", "https://cadence.acme.io/api/v1"], /origin only/],
      [["--remote", "--url", "https://cadence.acme.io", "--admin-token", TOKEN], /environment variable/],
      [
        ["--remote", "--url", "https://cadence.acme.io", "--admin-token-env", "1-bad"],
        /must name a variable/,
      ],
      [["--url", "https://cadence.acme.io"], /--url needs --remote/],
      [["--remote", "--url", "https://cadence.acme.io", "--force"], /unknown argument: --force/],
    ];
    for (const [argv, message] of refused)
      expect(() => parseApiKeyArgs(argv), argv.join(" ")).toThrow(message);
    expect(() => parseApiKeyArgs(["--bogus"])).toThrow(UsageError);
  });

  it("exits 2 naming the variable when the token is not in it, without a request", async () => {
    const res = await runMain([
      "--remote",
      "--url",
      "https://cadence.acme.io",
      "--admin-token-env",
      "OPS_TOKEN",
    ]);
    expect(res.code).toBe(2);
    expect(res.err).toContain("OPS_TOKEN is not set");
    expect(res.fetches).toEqual([]);
    expect(res.out).toBe("");
  });

  it("exits 2 with the usage on bad arguments, and never prints the token", async () => {
    const res = await runMain(["--remote", "--url", "http://cadence.acme.io"]);
    expect(res.code).toBe(2);
    expect(res.err).toContain("usage: pnpm --silent api-key");
    expect(res.err).not.toContain(TOKEN);
  });
});

describe("api-key --remote against a server", () => {
  let server;
  let url;
  const seen = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        seen.push({ method: req.method, path: req.url, auth: req.headers.authorization, body });
        if (req.headers.authorization !== `Bearer ${TOKEN}`) {
          res.writeHead(401, { "content-type": "application/json" });
          res.end(JSON.stringify({ detail: "UNAUTHORIZED", message: "Invalid or missing admin token" }));
          return;
        }
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ user: { user_id: "u" }, api_key: { key: "cad_remote" } }));
      });
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("posts to the admin route with the token from the environment and prints only the key", async () => {
    const res = await runMain(["--remote", "--url", url, "--email", "ada@acme.test", "--key-name", "ci"], {
      fetchImpl: fetch,
    });
    expect(res).toMatchObject({ code: 0, out: "cad_remote\n", err: "" });
    expect(seen.at(-1)).toEqual({
      method: "POST",
      path: "/api/v1/admin/users",
      auth: `Bearer ${TOKEN}`,
      body: JSON.stringify({ email: "ada@acme.test", key_name: "ci" }),
    });
  });

  it("reports the deployment's refusal with its code, and exits 1", async () => {
    const res = await runMain(["--remote", "--url", url], {
      env: { ADMIN_TOKEN: "wrong" },
      fetchImpl: fetch,
    });
    expect(res.code).toBe(1);
    expect(res.out).toBe("");
    expect(res.err).toContain("answered 401 (UNAUTHORIZED: Invalid or missing admin token)");
  });
});
