// An OpenAI-compatible Chat Completions provider on loopback for the AI benchmarks: every call is
// answered after a fixed delay with a JSON email ({"subject","body"} in the first choice's message,
// usage included), as a real provider would answer Cadence's request. It counts calls, the most it
// saw at once, and when it last answered for each lead (by the lead's email in the prompt's data).
import { randomUUID } from "node:crypto";
import http from "node:http";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves to { server, stats, answeredAt, url } once listening on a free 127.0.0.1 port. */
export function startProvider(delayMs) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
  /** lead email -> Date.now() when the provider last answered a call for it */
  const answeredAt = new Map();
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") return res.writeHead(404).end();
    stats.calls++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const user = body.messages.find((m) => m.role === "user")?.content ?? "";
    const lead = JSON.parse(/<lead_data>\n([\s\S]*?)\n<\/lead_data>/.exec(user)?.[1] ?? "{}");
    await sleep(delayMs);
    stats.inFlight--;
    if (lead.email) answeredAt.set(lead.email, Date.now());
    const content = JSON.stringify({
      subject: `An idea for ${lead.company ?? "you"}`,
      body: `Hi ${lead.first_name ?? "there"},\n\nA short note about ${lead.company ?? "your team"}.\n\nSam`,
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: randomUUID(),
        object: "chat.completion",
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: {
          prompt_tokens: Math.ceil(user.length / 4),
          completion_tokens: Math.ceil(content.length / 4),
        },
      }),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, stats, answeredAt, url: `http://127.0.0.1:${server.address().port}` }),
    ),
  );
}
