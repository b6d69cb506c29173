// What every benchmark script needs to run: `--key=value` arguments, timestamped logs on stderr,
// sleeping (and pausing safely between bursts of requests), and a free loopback port.
import net from "node:net";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 23)}]`, ...a);

export function parseArgs(defaults) {
  const out = { ...defaults };
  for (const a of process.argv.slice(2)) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`bad argument ${a}`);
    const v = m[2] ?? "1";
    out[m[1]] = typeof defaults[m[1]] === "number" ? Number(v) : v;
  }
  return out;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Before a burst of requests to a local runtime: if the previous burst ended more than a second ago,
 * let the pause be at least 5 s. workerd drops an idle keep-alive connection after 2-3 s while Node's
 * fetch keeps it for 4 s, so a burst 2-4 s after the last one reuses dead connections and fails with
 * "other side closed".
 */
export async function quietSince(lastBurstEnd) {
  const idle = Date.now() - lastBurstEnd;
  if (idle > 1000 && idle < 5000) await sleep(5000 - idle);
}
