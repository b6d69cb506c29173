import { describe, expect, it } from "vitest";
import {
  draftCampaign,
  driveUntil,
  emailStep,
  launchAt,
  leadRows,
  MONDAY,
} from "../../../test/campaign-fixtures";
import { call } from "../../../test/helpers";

describe("the projected finish", () => {
  it("counts only the steps a started lead has left", async () => {
    // Three steps on the same day, one action a minute, always open: 4 leads are 12 actions.
    const c = await draftCampaign({
      rows: leadRows(4),
      steps: (t) => [1, 2, 3].map((n) => emailStep(n, t.main!, { delay_days: 0 })),
    });
    const stub = await launchAt(c, MONDAY);
    await driveUntil(stub, MONDAY); // lead 1's step 1
    const plan = (await call("GET", `/api/v1/campaigns/${c.campaignId}/schedule?limit=2`, { key: c.key }))
      .json;
    expect(plan.planned.map((p: { row_index: number; step: number }) => [p.row_index, p.step])).toEqual([
      [1, 2],
      [1, 3],
    ]);
    // 11 actions left: lead 1's last two steps, and three steps of each of the other three leads. The
    // plan lists two of them a minute apart; the other nine follow at the same rate.
    expect(plan.projected_finish_is_estimate).toBe(true);
    expect(Date.parse(plan.projected_finish_at)).toBe(Date.parse(plan.planned[1].at) + 9 * 60_000);
  });
});
