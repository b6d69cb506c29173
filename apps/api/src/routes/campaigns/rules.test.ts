import { describe, expect, it } from "vitest";
import type { Env } from "../../env";
import type { ApiError } from "../../errors";
import { assertCampaignRules } from "./rules";

const base = {
  type: "email" as const,
  steps: [
    {
      step: 1,
      delay_days: 0,
      channel: "email" as const,
      ai_personalization_enabled: false,
      track_clicks: false,
      variants: [{ label: "A", weight: 1, type: "TEMPLATE" as const, template_id: crypto.randomUUID() }],
    },
  ],
  alias_ids: [crypto.randomUUID()],
  launch_type: "immediate" as const,
  sending_window_start: "09:00",
  sending_window_end: "17:00",
  send_days: ["mon"],
};

function floorError(env: Partial<Env>, seconds: number) {
  try {
    assertCampaignRules(env as Env, { ...base, min_interval_seconds: seconds });
    return null;
  } catch (err) {
    return (err as ApiError).errors?.find((e) => e.loc[1] === "min_interval_seconds")?.msg ?? null;
  }
}

describe("min_interval_seconds floor (MIN_INTERVAL_FLOOR_SECONDS)", () => {
  it("is 60 s unless configured", () => {
    expect(floorError({}, 59)).toBe("must be at least 60 seconds");
    expect(floorError({}, 60)).toBeNull();
  });
  it("may be lowered by configuration, never below 1 s", () => {
    expect(floorError({ MIN_INTERVAL_FLOOR_SECONDS: "5" }, 4)).toBe("must be at least 5 seconds");
    expect(floorError({ MIN_INTERVAL_FLOOR_SECONDS: "5" }, 5)).toBeNull();
    expect(floorError({ MIN_INTERVAL_FLOOR_SECONDS: "0" }, 0)).toBe("must be at least 1 second");
  });
});
