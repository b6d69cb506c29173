import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { createProgressBar, formatBytes } from "../progress.js";

/** `cadence datasets import FILE`: streams the CSV with a progress bar over the bytes sent. */
export async function importDataset(ctx: Context, file: string, options: { name?: string }): Promise<void> {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error("not a file");
    size = stat.size;
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const name = options.name ?? path.basename(file).replace(/\.[^.]+$/, "");
  const cadence = ctx.client();
  const label = path.basename(file);
  const bar = ctx.output.json
    ? null
    : createProgressBar({
        stream: ctx.output.stderr,
        format: `Uploading ${label} [{bar}] {percentage}% | {sent} of {size}`,
        // In a log, a line per tenth of the file.
        plainLine: (sent, total) =>
          `Uploading ${label}: ${total ? Math.floor((sent / total) * 10) * 10 : 100}% of ${formatBytes(total)}`,
        dedupe: true,
      });

  try {
    const dataset = await cadence.importCsv({
      name,
      // A function, so that a retry can open the file again.
      csv: () => Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>,
      size,
      onProgress: (sent, total) =>
        bar?.update(sent, total ?? size, { sent: formatBytes(sent), size: formatBytes(total ?? size) }),
    });
    if (size === 0) bar?.update(0, 0, { sent: "0 B", size: "0 B" });
    bar?.stop();
    ctx.output.result(dataset, () => {
      ctx.output.line(`Imported dataset ${dataset.dataset_id} "${dataset.name}": ${dataset.row_count} rows.`);
      ctx.output.table(
        ["column", "merge field"],
        dataset.columns.map((column) => [column.header, `{{${column.key}}}`]),
      );
    });
  } finally {
    bar?.stop();
  }
}
