import { type Context, campaignParams } from "../context.js";
import { EXIT, formatPath } from "../errors.js";

/** `cadence preflight ID`: the launch check, warnings as a table. Exit 1 when the launch would be blocked. */
export async function preflight(ctx: Context, id: string): Promise<number> {
  const params = campaignParams(id);
  const result = await ctx.client().post("/api/v1/campaigns/{campaign_id}/preflight", { params });
  const { summary, warnings, errors } = result;
  ctx.output.result(result, () => {
    ctx.output.line(
      `${summary.launchable_rows} of ${summary.total_rows} rows can be launched; ${summary.warning_count} warning${summary.warning_count === 1 ? "" : "s"}.`,
    );
    if (warnings.length > 0) {
      ctx.output.table(
        ["code", "row", "step", "field", "message"],
        warnings.map((w) => [w.code, w.row_index, w.step, w.field, w.message]),
      );
      if (summary.warning_count > warnings.length) {
        ctx.output.line(`(${summary.warning_count - warnings.length} more not listed)`);
      }
    }
    if (errors.length > 0) {
      ctx.output.line("The launch is blocked:");
      ctx.output.table(
        ["field", "problem"],
        errors.map((e) => [formatPath(e.loc), e.msg]),
      );
    } else {
      ctx.output.note(`Next: cadence launch ${id}`);
    }
  });
  return errors.length > 0 ? EXIT.apiError : EXIT.ok;
}

/** `cadence launch ID`. */
export async function launch(ctx: Context, id: string): Promise<void> {
  const result = await ctx
    .client()
    .post("/api/v1/campaigns/{campaign_id}/launch", { params: campaignParams(id) });
  const { campaign, summary } = result;
  ctx.output.result(result, () => {
    ctx.output.line(
      `Launched "${campaign.name}" (${campaign.campaign_id}): ${summary.launchable_rows} of ${summary.total_rows} leads, status ${campaign.status}.`,
    );
    if (summary.warning_count > 0) {
      ctx.output.line(`${summary.warning_count} warning(s): see \`cadence preflight ${id}\`.`);
    }
    ctx.output.note(`Follow it: cadence watch ${id}`);
  });
}

/** `cadence pause ID [--reason TEXT]`. */
export async function pause(ctx: Context, id: string, options: { reason?: string }): Promise<void> {
  const campaign = await ctx.client().post("/api/v1/campaigns/{campaign_id}/pause", {
    params: campaignParams(id),
    body: options.reason ? { reason: options.reason } : {},
  });
  ctx.output.result(campaign, () =>
    ctx.output.line(
      `Paused "${campaign.name}" (${campaign.campaign_id}): status ${campaign.status}${campaign.paused_reason ? `, reason: ${campaign.paused_reason}` : ""}.`,
    ),
  );
}

/** `cadence resume ID`. */
export async function resume(ctx: Context, id: string): Promise<void> {
  const campaign = await ctx
    .client()
    .post("/api/v1/campaigns/{campaign_id}/resume", { params: campaignParams(id) });
  ctx.output.result(campaign, () =>
    ctx.output.line(`Resumed "${campaign.name}" (${campaign.campaign_id}): status ${campaign.status}.`),
  );
}
