import { type Campaign, type Schedule, sleep } from "@cadence/sdk";
import { type Context, campaignParams } from "../context.js";
import { EXIT } from "../errors.js";
import { createProgressBar } from "../progress.js";

/** What `watch` shows at each poll; also its `--json` line. */
export interface WatchFrame {
  status: Campaign["status"];
  processed_leads: number;
  total_leads: number;
  not_sending_reason: Schedule["not_sending_reason"];
  next_action: Schedule["planned"][number] | null;
}

/** The next planned action; `now` makes it relative ("in 3s") for a live bar, without it it is absolute. */
function describeNext(next: WatchFrame["next_action"], now?: number): string {
  if (!next) return "nothing planned";
  const who = `step ${next.step} to ${next.email ?? `row ${next.row_index}`}`;
  if (now === undefined) return `${who} at ${next.at}`;
  const seconds = Math.max(0, Math.round((Date.parse(next.at) - now) / 1000));
  return `${who} ${seconds === 0 ? "now" : `in ${seconds}s`}`;
}

const reasonText = (frame: WatchFrame) => frame.not_sending_reason?.replaceAll("_", " ") ?? "sending";

class Interrupted extends Error {}

/**
 * `cadence watch ID`: polls the campaign and its plan, showing processed/total, the next planned
 * action and why nothing is sending, until the campaign completes (exit 0), fails (exit 1) or the
 * user presses Ctrl-C (exit 130; the campaign itself goes on).
 */
export async function watch(ctx: Context, id: string, options: { interval: number }): Promise<number> {
  const params = campaignParams(id);
  const cadence = ctx.client();
  const { output } = ctx;
  const bar = output.json
    ? null
    : createProgressBar({
        stream: output.stdout,
        format: "[{bar}] {value}/{total} leads | {status} | next: {next} | {reason}",
        // In a log, a line when something changes (the absolute time of the next action, not a countdown).
        plainLine: (value, total, f) =>
          `${value}/${total} leads | ${f.status} | next: ${f.nextAt} | ${f.reason}`,
        dedupe: true,
      });
  const abort = new AbortController();
  const onSigint = () => abort.abort(new Interrupted("interrupted"));
  process.once("SIGINT", onSigint);
  let last = "";
  try {
    for (;;) {
      const [campaign, schedule] = await Promise.all([
        cadence.get("/api/v1/campaigns/{campaign_id}", { params, signal: abort.signal }),
        cadence.get("/api/v1/campaigns/{campaign_id}/schedule", {
          params: { ...params, query: { limit: 1 } },
          signal: abort.signal,
        }),
      ]);
      const frame: WatchFrame = {
        status: campaign.status,
        processed_leads: campaign.processed_leads,
        total_leads: campaign.total_leads,
        not_sending_reason: schedule.not_sending_reason,
        next_action: schedule.planned[0] ?? null,
      };
      if (output.json) {
        const line = JSON.stringify(frame);
        if (line !== last) output.jsonLine(frame);
        last = line;
      } else {
        bar?.update(frame.processed_leads, frame.total_leads, {
          status: frame.status,
          next: describeNext(frame.next_action, Date.parse(schedule.now)),
          nextAt: describeNext(frame.next_action),
          reason: reasonText(frame),
        });
      }
      if (campaign.status === "completed" || campaign.status === "failed") {
        bar?.stop();
        if (!output.json) {
          output.line(
            `Campaign "${campaign.name}" ${campaign.status}: ${campaign.processed_leads}/${campaign.total_leads} leads processed${campaign.launch_error ? ` (${campaign.launch_error})` : ""}.`,
          );
        }
        return campaign.status === "completed" ? EXIT.ok : EXIT.apiError;
      }
      await sleep(options.interval * 1000, abort.signal);
    }
  } catch (err) {
    if (!abort.signal.aborted) throw err;
    bar?.stop();
    output.note("Stopped watching; the campaign goes on.");
    return EXIT.interrupted;
  } finally {
    process.removeListener("SIGINT", onSigint);
    bar?.stop();
  }
}
