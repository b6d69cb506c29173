import { describe, expect, it } from "vitest";
import { CampaignCreate, isValidTimeZone, normalizeTimeOfDay } from "./campaigns";

const base = {
  name: "x",
  dataset_id: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
  alias_ids: ["3c90c3cc-0d44-4b50-8888-8dd25736052a"],
  steps: [
    { step: 1, variants: [{ label: "A", weight: 1, template_id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" }] },
  ],
};

describe("contract: campaigns", () => {
  it("fills the documented defaults", () => {
    const c = CampaignCreate.parse(base);
    expect(c).toMatchObject({
      type: "email",
      launch_type: "immediate",
      daily_limit: 50,
      min_interval_seconds: 300,
      timezone: "UTC",
      unreviewed_launch_policy: "launch_default",
    });
    expect(c.steps[0]).toMatchObject({ delay_days: 0, channel: "email", track_clicks: false });
  });

  it("normalizes HH:MM to HH:MM:SS and rejects loose times", () => {
    expect(normalizeTimeOfDay("09:30")).toBe("09:30:00");
    expect(normalizeTimeOfDay("23:59:59")).toBe("23:59:59");
    expect(() => normalizeTimeOfDay("9:30")).toThrow();
  });

  it("checks time zones with Intl", () => {
    expect(isValidTimeZone("Pacific/Chatham")).toBe(true);
    expect(isValidTimeZone("Mars/Base")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    // The engine cannot pace in an offset "zone"; the API must not accept one.
    expect(isValidTimeZone("+05:30")).toBe(false);
  });

  it("reports a LinkedIn connection note over 300 characters", () => {
    const r = CampaignCreate.safeParse({
      ...base,
      type: "linkedin",
      connected_account_id: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
      steps: [
        {
          ...base.steps[0],
          channel: "linkedin",
          action_type: "connection_request",
          message_template: "x".repeat(301),
        },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toContainEqual(["steps", 0, "message_template"]);
  });
});
