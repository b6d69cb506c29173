import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cadence, cliEnv, sdk, UUID_RE } from "./cli";
import { campaignBody, campaignFixtures, leads, writeFile, writeJson, writeYaml } from "./fixtures";

describe("campaigns create", () => {
  let ids: Awaited<ReturnType<typeof campaignFixtures>>;
  beforeAll(async () => {
    ids = await campaignFixtures(leads(2));
  });

  it("creates a draft from a YAML file", async () => {
    const { code, stdout, stderr } = await cadence([
      "campaigns",
      "create",
      "-f",
      writeYaml(campaignBody(ids)),
    ]);
    expect(code).toBe(0);
    const id = stdout.match(UUID_RE)![0];
    expect(stdout).toBe(`Created campaign ${id} "CLI campaign" (draft).\n`);
    expect(stderr).toBe(`Next: cadence preflight ${id}\n`);
    const campaign = await sdk().get("/api/v1/campaigns/{campaign_id}", {
      params: { path: { campaign_id: id } },
    });
    expect(campaign).toMatchObject({ status: "draft", dataset_id: ids.dataset_id, min_interval_seconds: 1 });
    expect(campaign.steps_config[0]!.variants[0]!.template_id).toBe(ids.template_id);
  });

  it("creates one from a JSON file and prints it with --json", async () => {
    const { code, stdout } = await cadence([
      "campaigns",
      "create",
      "--file",
      writeJson(campaignBody(ids)),
      "--json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      name: "CLI campaign",
      status: "draft",
      alias_ids: [ids.alias_id],
    });
  });

  describe("refusing an invalid file without any request", () => {
    // Stands where the API would be and counts what reaches it.
    const requests: string[] = [];
    const counting = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ detail: "NOT_FOUND", message: "counting server", request_id: "counted" }));
    });
    let env: Record<string, string>;
    beforeAll(async () => {
      await new Promise<void>((resolve) => counting.listen(0, "127.0.0.1", resolve));
      env = cliEnv({ CADENCE_BASE_URL: `http://127.0.0.1:${(counting.address() as AddressInfo).port}` });
    });
    afterAll(() => new Promise<void>((resolve) => counting.close(() => resolve())));

    it("reports each invalid field with its path, exit 2", async () => {
      const file = writeYaml({
        name: "",
        dataset_id: "not-a-uuid",
        sending_window_start: "9:00",
        min_interval_seconds: 0,
        steps: [{ step: 1, delay_days: -1, variants: [{ label: "A", weight: 0 }] }],
      });
      const { code, stdout, stderr } = await cadence(["campaigns", "create", "-f", file], { env });
      expect(code).toBe(2);
      expect(stdout).toBe("");
      const lines = stderr.trim().split("\n");
      expect(lines[0]).toBe(`error: ${file} is not a valid campaign (nothing was sent)`);
      const paths = lines.slice(1).map((line) => line.trim().split(":")[0]);
      expect(paths).toEqual([
        "name",
        "dataset_id",
        "steps[0].delay_days",
        "steps[0].variants[0].weight",
        "sending_window_start",
        "min_interval_seconds",
        // The cross-field rules run too, so one pass shows every problem.
        "steps[0].variants[0].template_id",
        "alias_ids",
      ]);
      expect(stderr).toContain("sending_window_start: must be HH:MM or HH:MM:SS (24-hour)");
      expect(requests).toEqual([]);
    });

    it("applies the contract's cross-field rules too", async () => {
      const body = campaignBody(ids, { alias_ids: [] });
      body.steps = [{ step: 1, variants: [{ label: "A" }, { label: "A" }] }] as never;
      const { code, stderr } = await cadence(["campaigns", "create", "-f", writeJson(body)], { env });
      expect(code).toBe(2);
      expect(stderr).toContain(
        "  steps[0].variants[0].template_id: template_id is required for TEMPLATE variants",
      );
      expect(stderr).toContain("  steps[0].variants[1].label: duplicate variant label 'A'");
      expect(stderr).toContain("  alias_ids: alias_ids is required when a step sends email");
      expect(requests).toEqual([]);
    });

    it("refuses a file that does not parse", async () => {
      const { code, stderr } = await cadence(
        ["campaigns", "create", "-f", writeFile("c.yaml", "name: [unclosed\n")],
        {
          env,
        },
      );
      expect(code).toBe(2);
      expect(stderr).toContain("c.yaml is not valid YAML");
      expect(requests).toEqual([]);
    });

    it("(the counter does count: a valid file is sent)", async () => {
      const { code, stderr } = await cadence(["campaigns", "create", "-f", writeYaml(campaignBody(ids))], {
        env,
      });
      expect(code).toBe(1);
      expect(stderr).toContain("404 NOT_FOUND: counting server");
      expect(requests).toEqual(["POST /api/v1/campaigns/"]);
    });
  });
});
