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

describe("contract: inbound extensions (auto_winner, stop_on_reply_scope)", () => {
  const two = [
    { label: "A", weight: 1, template_id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" },
    { label: "B", weight: 1, template_id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" },
  ];
  const winner = { metric: "reply_rate", min_sends_per_variant: 200, confidence: 0.95 };

  it("leaves both optional, the seed's fields unchanged, and the scope at lead", () => {
    const c = CampaignCreate.parse(base);
    expect(c.stop_on_reply_scope).toBe("lead");
    expect(c.steps[0]!.auto_winner).toBeUndefined();
    expect(CampaignCreate.parse({ ...base, stop_on_reply_scope: "company" }).stop_on_reply_scope).toBe(
      "company",
    );
    expect(CampaignCreate.safeParse({ ...base, stop_on_reply_scope: "domain" }).success).toBe(false);
  });

  it("accepts a valid auto_winner on an email step with two variants", () => {
    const c = CampaignCreate.parse({ ...base, steps: [{ step: 1, variants: two, auto_winner: winner }] });
    expect(c.steps[0]!.auto_winner).toEqual(winner);
  });

  it("validates auto_winner's fields and where it may be used", () => {
    const bad = (step: Record<string, unknown>) =>
      CampaignCreate.safeParse({ ...base, steps: [{ step: 1, variants: two, ...step }] }).success;
    expect(bad({ auto_winner: { ...winner, metric: "open_rate" } })).toBe(false);
    expect(bad({ auto_winner: { ...winner, confidence: 1 } })).toBe(false);
    expect(bad({ auto_winner: { ...winner, confidence: 0.4 } })).toBe(false);
    expect(bad({ auto_winner: { ...winner, min_sends_per_variant: 5 } })).toBe(false);
    expect(bad({ auto_winner: { ...winner, extra: 1 } })).toBe(false);
    expect(bad({ auto_winner: winner, variants: two.slice(0, 1) })).toBe(false);
    expect(bad({ auto_winner: null })).toBe(true);
  });
});
