import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ReceivedRequest, ReceiverResponse } from "./webhook-receiver-types";

/**
 * A webhook endpoint on loopback. Each test uses its own sink id, so files running in parallel never
 * see each other's requests:
 * - any request to `/sink/<id>` is recorded, then answered with the next scripted response for that
 *   sink (200 once the script is used up);
 * - `PUT /control/<id>/script` with `{"responses": [...]}` replaces the sink's script;
 * - `GET /control/<id>/requests` returns `{"requests": [...]}` in arrival order.
 */
export async function startWebhookReceiver() {
  const requests = new Map<string, ReceivedRequest[]>();
  const scripts = new Map<string, ReceiverResponse[]>();

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://receiver");
    const sink = /^\/sink\/([\w-]+)$/.exec(url.pathname)?.[1];
    if (sink) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        headers[name] = Array.isArray(value) ? value.join(", ") : (value ?? "");
      }
      const list = requests.get(sink) ?? [];
      list.push({ method: req.method ?? "", path: url.pathname, headers, body, received_at: Date.now() });
      requests.set(sink, list);
      const next = scripts.get(sink)?.shift() ?? { status: 200, body: "ok" };
      if ("close" in next) {
        req.socket.destroy();
        return;
      }
      if ("hang_ms" in next) {
        // Longer than the sender's timeout: it gives up first; answer late if it is still there.
        setTimeout(() => {
          if (!res.destroyed) res.writeHead(200).end("too late");
        }, next.hang_ms).unref();
        return;
      }
      res.writeHead(next.status, { "content-type": "text/plain", ...next.headers });
      res.end(next.body ?? "");
      return;
    }
    const control = /^\/control\/([\w-]+)\/(script|requests)$/.exec(url.pathname);
    if (control && control[2] === "script" && req.method === "PUT") {
      scripts.set(control[1]!, (JSON.parse(body) as { responses: ReceiverResponse[] }).responses);
      res.writeHead(204).end();
      return;
    }
    if (control && control[2] === "requests" && req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ requests: requests.get(control[1]!) ?? [] }));
      return;
    }
    res.writeHead(404).end();
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
