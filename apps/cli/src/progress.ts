import cliProgress from "cli-progress";

/** A bar that follows a value towards a total, with named fields shown beside it. */
export interface ProgressBar {
  update(value: number, total: number, fields?: Record<string, string>): void;
  stop(): void;
}

export interface ProgressOptions {
  stream: NodeJS.WriteStream;
  /** cli-progress format for a terminal, e.g. `[{bar}] {percentage}% {fields...}`. */
  format: string;
  /** The line written instead when the stream is not a terminal (a log, a pipe). */
  plainLine: (value: number, total: number, fields: Record<string, string>) => string;
  /** Write a plain line only when it differs from the previous one (default: always). */
  dedupe?: boolean;
}

/**
 * A live bar (cli-progress) on a terminal; elsewhere, where `\r` redraws would only garble a log,
 * plain lines through `plainLine`.
 */
export function createProgressBar(options: ProgressOptions): ProgressBar {
  if (options.stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: options.format, stream: options.stream, hideCursor: true, barsize: 30, fps: 10 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(value, total, fields = {}) {
        if (!started) {
          bar.start(total, value, fields);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(value, fields);
        }
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let last = "";
  return {
    update(value, total, fields = {}) {
      const line = options.plainLine(value, total, fields);
      if (options.dedupe && line === last) return;
      last = line;
      options.stream.write(`${line}\n`);
    },
    stop() {},
  };
}

const UNITS = ["B", "kB", "MB", "GB"];
/** 1536 -> "1.5 kB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}
