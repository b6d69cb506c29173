// The whole flow from the command line: create, preflight, launch, pause, watch (interrupted), resume,
// watch until completed, stats; on a capture-transport campaign open all day, every day, 1 s apart.
import { describe, expect, it } from "vitest";
import { cadence, sdk, startCadence, UUID_RE } from "./cli";
import { campaignBody, campaignFixtures, leads, writeYaml } from "./fixtures";

async function createCampaign(rows: Record<string, string>[], templateBody?: string, extra = {}) {
  const ids = await campaignFixtures(rows, templateBody);
  const { code, stdout } = await cadence(["campaigns", "create", "-f", writeYaml(campaignBody(ids, extra))]);
  expect(code).toBe(0);
  return { ...ids, campaign_id: stdout.match(UUID_RE)![0] };
}

describe("preflight", () => {
  it("shows warnings as a table and exits 0 when the launch is not blocked", async () => {
    const { campaign_id } = await createCampaign(
      [
        { Email: "ok@example.com", "First Name": "Ok" },
        { Email: "not an email", "First Name": "Bad" },
        { "First Name": "None" },
      ],
      "No unsubscribe link here",
    );
    const { code, stdout, stderr } = await cadence(["preflight", campaign_id]);
    expect(code).toBe(0);
    expect(stdout).toContain("1 of 3 rows can be launched; 3 warnings.");
    expect(stdout).toMatch(/│ code\s+│ row │ step │ field\s+│ message/);
    expect(stdout).toMatch(/│ INVALID_EMAIL\s+│ 2\s+│/);
    expect(stdout).toMatch(/│ MISSING_EMAIL\s+│ 3\s+│/);
    expect(stdout).toMatch(/│ NO_UNSUBSCRIBE_LINK │\s+│ 1\s+│/);
    expect(stderr).toBe(`Next: cadence launch ${campaign_id}\n`);

    const json = await cadence(["preflight", campaign_id, "--json"]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.summary).toEqual({ total_rows: 3, launchable_rows: 1, warning_count: 3 });
    expect(result.errors).toEqual([]);
  });

  it("lists what blocks the launch and exits 1", async () => {
    const { campaign_id, template_id } = await createCampaign(leads(1));
    await sdk().delete("/api/v1/templates/{template_id}", { params: { path: { template_id } } });
    const { code, stdout } = await cadence(["preflight", campaign_id]);
    expect(code).toBe(1);
    expect(stdout).toContain("The launch is blocked:");
    expect(stdout).toContain(`template ${template_id} not found`);
  });
});

describe("launch, pause, watch, resume, stats", () => {
  it("runs a campaign to completion from the command line", async () => {
    // 30 s between sends at first, so that the campaign is surely still running when paused; the
    // interval is lowered to 1 s before it resumes (pacing may change at any time).
    const { campaign_id } = await createCampaign(leads(3), undefined, { min_interval_seconds: 30 });

    const launched = await cadence(["launch", campaign_id]);
    expect(launched.code).toBe(0);
    expect(launched.stdout).toMatch(
      new RegExp(`^Launched "CLI campaign" \\(${campaign_id}\\): 3 of 3 leads, status \\w+\\.\\n$`),
    );
    expect(launched.stderr).toBe(`Follow it: cadence watch ${campaign_id}\n`);

    const again = await cadence(["launch", campaign_id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("409 CAMPAIGN_NOT_DRAFT");

    const paused = await cadence(["pause", campaign_id, "--reason", "checking the copy"]);
    expect(paused.stderr).toBe("");
    expect(paused.code).toBe(0);
    expect(paused.stdout).toBe(
      `Paused "CLI campaign" (${campaign_id}): status paused, reason: checking the copy.\n`,
    );

    // A paused campaign never completes: watch shows why, until Ctrl-C.
    const watching = startCadence(["watch", campaign_id, "--interval", "0.5"]);
    const pausedLine = /^\d\/3 leads \| paused \| next: step 1 to cli\d@example\.com at \S+Z \| paused\n$/;
    await expect.poll(() => watching.output().stdout, { timeout: 20_000 }).toMatch(pausedLine);
    watching.child.kill("SIGINT");
    const interrupted = await watching.done;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toBe("Stopped watching; the campaign goes on.\n");
    // One line however many polls: a log gets a line when something changes.
    expect(interrupted.stdout).toMatch(pausedLine);

    // Watch again, and resume while it watches: it follows the campaign to the end.
    const watching2 = startCadence(["watch", campaign_id, "--interval", "0.5"]);
    await expect.poll(() => watching2.output().stdout, { timeout: 20_000 }).toMatch(pausedLine);
    await sdk().patch("/api/v1/campaigns/{campaign_id}", {
      params: { path: { campaign_id } },
      body: { min_interval_seconds: 3 },
    });
    const resumed = await cadence(["resume", campaign_id]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(
      new RegExp(`^Resumed "CLI campaign" \\(${campaign_id}\\): status (active|scheduled)\\.\\n$`),
    );

    const watched = await watching2.done;
    expect(watched.code).toBe(0);
    const lines = watched.stdout.trim().split("\n");
    expect(`${lines[0]}\n`).toMatch(pausedLine);
    // While it sent, the plan showed the next lead and why it was waiting (3 s between sends now).
    expect(watched.stdout).toMatch(
      /^[12]\/3 leads \| active \| next: step 1 to cli\d@example\.com at \S+Z \| waiting min interval$/m,
    );
    expect(lines.at(-2)).toMatch(/^3\/3 leads \| completed \| next: nothing planned \| /);
    expect(lines.at(-1)).toBe('Campaign "CLI campaign" completed: 3/3 leads processed.');

    const json = await cadence(["watch", campaign_id, "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      status: "completed",
      processed_leads: 3,
      total_leads: 3,
      not_sending_reason: expect.any(String),
      next_action: null,
    });

    const table = await cadence(["stats", campaign_id]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("3/3 leads processed");
    expect(table.stdout).toMatch(
      /│ pending │ sending │ active │ completed │ stopped │ failed │\n.*\n│ 0\s+│ 0\s+│ 0\s+│ 3\s+│ 0\s+│ 0\s+│/,
    );
    expect(table.stdout).toMatch(/│ step │ variant │ sent │ failed │\n.*\n│ 1\s+│ A\s+│ 3\s+│ 0\s+│/);

    const csv = await cadence(["stats", campaign_id, "--format", "csv"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe("scope,step,variant,sent,failed\ncampaign,,,3,0\nstep,1,,3,0\nvariant,1,A,3,0\n");

    for (const args of [["--format", "json"], ["--json"]]) {
      const json = await cadence(["stats", campaign_id, ...args]);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({
        total_leads: 3,
        processed_leads: 3,
        actions: { sent: 3 },
      });
    }
  });
});
