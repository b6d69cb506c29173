import type { ServerResponse } from "node:http";
import { type PeerRequest, parseJson, sendJson, startHttpPeer } from "./http-peer";
import type { AiPeerBehaviour, AiPeerInfo, AiPeerRequest } from "./peer-types";

interface Scenario {
  script: AiPeerBehaviour[];
  fallback: AiPeerBehaviour;
  requests: AiPeerRequest[];
  held: (() => void)[];
}

/** The JSON inside the first `<tag>` block of a message, as the Worker escapes it. */
function block(text: string, tag: string): Record<string, unknown> | null {
  const m = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(text);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** A plausible personalized email made from the data blocks, so tests see the lead's data come back. */
function emailFor(messages: { role: string; content: string }[]) {
  const user = messages.find((m) => m.role === "user")?.content ?? "";
  const lead = block(user, "lead_data") ?? {};
  const sender = block(user, "sender_data") ?? {};
  const base = block(user, "base_email");
  const name = String(lead.first_name ?? lead["First Name"] ?? "there");
  const company = String(lead.company ?? lead.Company ?? "your team");
  const signature = sender.name ? `\n\n${String(sender.name)}` : "";
  const unsubscribe = String(base?.body ?? "").includes("{{ unsubscribe_url }}")
    ? "\n\nUnsubscribe: {{ unsubscribe_url }}"
    : "";
  return {
    subject: `Quick idea for ${company}`,
    body: `Hi ${name},\n\nI saw what ${company} is doing and thought of you. More at https://acme.test/offer.${signature}${unsubscribe}`,
  };
}

const tokens = (text: string) => Math.ceil(text.length / 4);

/**
 * An OpenAI-compatible Chat Completions server on loopback (`POST {url}/v1/chat/completions`), also
 * answering as the Workers AI binding would (`POST {url}/workers-ai/run` with `{model, inputs}`).
 * The request's `model` names a scenario, so test files running in parallel never meet:
 * - `PUT /control/<model>/script` `{"responses": [...], "fallback"?: {...}}` scripts the answers
 *   (each entry used once, then `fallback`, by default a normal answer);
 * - `GET /control/<model>/requests` lists what arrived (the call count), in order;
 * - `POST /control/<model>/release` answers every request a `hold` behaviour is keeping.
 */
export async function startAiProviderPeer() {
  const scenarios = new Map<string, Scenario>();
  const scenario = (model: string) => {
    let s = scenarios.get(model);
    if (!s) {
      s = { script: [], fallback: { kind: "ok" }, requests: [], held: [] };
      scenarios.set(model, s);
    }
    return s;
  };

  /** What a behaviour answers: an HTTP status and the Chat Completions body (or an error body). */
  async function answer(
    s: Scenario,
    behaviour: AiPeerBehaviour,
    payload: Record<string, unknown>,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const messages = (payload.messages ?? []) as { role: string; content: string }[];
    const model = String(payload.model);
    const completion = (content: string, usage = true) => ({
      status: 200,
      body: {
        id: `chatcmpl-${crypto.randomUUID()}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        ...(usage
          ? {
              usage: {
                prompt_tokens: tokens(messages.map((m) => m.content).join("\n")),
                completion_tokens: tokens(content),
                total_tokens: 0,
              },
            }
          : {}),
      },
    });
    switch (behaviour.kind) {
      case "ok": {
        if (behaviour.delay_ms) await new Promise((r) => setTimeout(r, behaviour.delay_ms));
        const email = behaviour.email ?? emailFor(messages);
        return completion(JSON.stringify(email), behaviour.usage !== false);
      }
      case "hold":
        await new Promise<void>((resolve) => s.held.push(resolve));
        return completion(JSON.stringify(emailFor(messages)));
      case "rate_limit":
        return {
          status: 429,
          body: { error: { message: "Rate limit reached", type: "rate_limit_error" } },
          headers:
            behaviour.retry_after === undefined ? {} : { "retry-after": String(behaviour.retry_after) },
        };
      case "server_error":
        return { status: 500, body: { error: { message: "The server had an error", type: "server_error" } } };
      case "bad_request":
        return { status: 400, body: { error: { message: "Invalid model", type: "invalid_request_error" } } };
      case "malformed":
        return completion('Sure! Here is your email: {"subject": "Hi", "body": ');
      case "empty":
        return completion("");
      case "empty_json":
        return completion("{}");
      case "merge_tag":
        return completion(
          JSON.stringify({ subject: "Hello {{first_name}}", body: "Hi {{ first_name }}, ..." }),
        );
      case "reject_response_format":
        if (payload.response_format !== undefined) {
          return {
            status: 400,
            body: {
              error: {
                message: "response_format is not supported by this model",
                type: "invalid_request_error",
              },
            },
          };
        }
        return completion(`Here you go:\n\`\`\`json\n${JSON.stringify(emailFor(messages))}\n\`\`\``);
    }
  }

  async function handle({ req, res, url, body }: PeerRequest) {
    const control = /^\/control\/([^/]+)\/(script|requests|release)$/.exec(url.pathname);
    if (control)
      return controlRoute(req.method ?? "GET", decodeURIComponent(control[1]!), control[2]!, body, res);
    const workersAi = req.method === "POST" && url.pathname === "/workers-ai/run";
    if (!workersAi && (req.method !== "POST" || url.pathname !== "/v1/chat/completions")) {
      sendJson(res, 404, { error: { message: "no such route" } });
      return;
    }
    const raw = parseJson(body);
    // Workers AI takes {model, inputs: {messages, ...}}; Chat Completions has them at the top.
    const payload = workersAi
      ? { ...((raw?.inputs ?? {}) as Record<string, unknown>), model: raw?.model }
      : raw;
    if (!payload || typeof payload.model !== "string" || !Array.isArray(payload.messages)) {
      sendJson(res, 400, { error: { message: "model and messages are required" } });
      return;
    }
    const s = scenario(payload.model);
    s.requests.push({
      received_at: Date.now(),
      authorization: (req.headers.authorization as string | undefined) ?? null,
      model: payload.model,
      messages: payload.messages as AiPeerRequest["messages"],
      response_format: payload.response_format ?? null,
      temperature: (payload.temperature as number | undefined) ?? null,
      max_tokens: (payload.max_tokens as number | undefined) ?? null,
      api: workersAi ? "workers_ai" : "chat_completions",
    });
    const behaviour = s.script.shift() ?? s.fallback;
    const out = await answer(s, behaviour, payload);
    if (workersAi) {
      // The binding's shape: {response, usage}; a failure surfaces as the run() promise rejecting.
      const completion = out.body as { choices?: { message: { content: string } }[]; usage?: unknown };
      if (out.status !== 200) return sendJson(res, out.status, out.body);
      return sendJson(res, 200, {
        response: completion.choices?.[0]?.message.content ?? "",
        usage: completion.usage,
      });
    }
    sendJson(res, out.status, out.body, out.headers);
  }

  function controlRoute(method: string, model: string, action: string, body: string, res: ServerResponse) {
    const s = scenario(model);
    if (action === "script" && method === "PUT") {
      const spec = JSON.parse(body) as { responses?: AiPeerBehaviour[]; fallback?: AiPeerBehaviour };
      s.script = spec.responses ?? [];
      if (spec.fallback) s.fallback = spec.fallback;
      res.writeHead(204).end();
      return;
    }
    if (action === "requests" && method === "GET") {
      sendJson(res, 200, { requests: s.requests, held: s.held.length });
      return;
    }
    if (action === "release" && method === "POST") {
      const held = s.held.splice(0);
      for (const release of held) release();
      sendJson(res, 200, { released: held.length });
      return;
    }
    sendJson(res, 404, { error: { message: "no such control route" } });
  }

  const server = await startHttpPeer(handle);
  const info: AiPeerInfo = { url: server.url, baseUrl: `${server.url}/v1` };
  return {
    info,
    close: async () => {
      for (const s of scenarios.values()) for (const release of s.held.splice(0)) release();
      await server.close();
    },
  };
}
