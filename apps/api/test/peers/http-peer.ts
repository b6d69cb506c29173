import { createHash } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface PeerRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
}

/** A loopback HTTP server for a fake provider; `close` also ends requests a fault left hanging. */
export async function startHttpPeer(handler: (r: PeerRequest) => void | Promise<void>) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://peer");
    try {
      await handler({ req, res, url, body: Buffer.concat(chunks).toString("utf8") });
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { message: `peer failure: ${String(err)}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

export function parseJson(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Faults keyed by a recipient (or profile), each used up after `times` requests. */
export class FaultBook<F extends string> {
  private faults = new Map<string, { fault: F; times: number }>();

  set(key: string, fault: F, times = 1) {
    this.faults.set(key.toLowerCase(), { fault, times });
  }

  take(key: string, kinds?: F[]): F | null {
    const entry = this.faults.get(key.toLowerCase());
    if (!entry || (kinds && !kinds.includes(entry.fault))) return null;
    if (--entry.times <= 0) this.faults.delete(key.toLowerCase());
    return entry.fault;
  }
}

/**
 * What an idempotent provider keeps per key: a fingerprint of the request and the answer it gave,
 * replayed verbatim for a repeat. Only answers that did something are kept, so a 429 or 500 can be
 * retried with the same key.
 */
export class IdempotencyStore {
  private entries = new Map<string, { fingerprint: string; status: number; body: unknown }>();

  lookup(key: string, fingerprint: string): { status: number; body: unknown } | "mismatch" | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    return entry.fingerprint === fingerprint ? entry : "mismatch";
  }

  remember(key: string, fingerprint: string, status: number, body: unknown) {
    this.entries.set(key, { fingerprint, status, body });
  }
}
