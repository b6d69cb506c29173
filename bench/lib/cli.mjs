// What every benchmark script needs to run: `--key=value` arguments, timestamped logs on stderr,
// sleeping, and a free loopback port.
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
