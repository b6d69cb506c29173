import { type CampaignRulesInput, campaignRuleIssues } from "@cadence/contract";
import { type Env, minIntervalFloor } from "../../env";
import { validationError } from "../../errors";

/** Rules that depend on the deployment or span fields, checked on the (merged) campaign. */
export function assertCampaignRules(env: Env, c: CampaignRulesInput & { min_interval_seconds: number }) {
  const issues = campaignRuleIssues(c).map((i) => ({
    loc: ["body", ...i.path],
    msg: i.message,
    type: "custom",
  }));
  const floor = minIntervalFloor(env);
  if (c.min_interval_seconds < floor) {
    issues.push({
      loc: ["body", "min_interval_seconds"],
      msg: `must be at least ${floor} second${floor === 1 ? "" : "s"}`,
      type: "too_small",
    });
  }
  if (issues.length > 0) throw validationError(issues);
}
