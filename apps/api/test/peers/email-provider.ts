import {
  FaultBook,
  IdempotencyStore,
  type PeerRequest,
  parseJson,
  sendJson,
  sha256,
  startHttpPeer,
} from "./http-peer";
import type { EmailProviderFault, EmailProviderInfo } from "./peer-types";

interface StoredEmail {
  id: string;
  idempotency_key: string | null;
  from: unknown;
  to: string[];
  subject: unknown;
  text: unknown;
  html: unknown;
  headers: unknown;
  reply_to: unknown;
}

interface RecordedRequest {
  method: string;
  path: string;
  to: string[];
  idempotency_key: string | null;
  authorization: string | null;
  outcome: string;
}

/**
 * Behaves like Resend's API (POST /emails, GET /domains, Bearer keys, Idempotency-Key replays).
 * Anything under /moved/ redirects (302) to the same path without it, to test that no redirect is followed.
 * Control: GET /__peer/emails?to=, GET /__peer/requests?to=, POST /__peer/faults {to, fault, times?}.
 */
export async function startEmailProviderPeer() {
  const apiKey = `re_test_${crypto.randomUUID()}`;
  const sendOnlyApiKey = `re_send_${crypto.randomUUID()}`;
  const emails: StoredEmail[] = [];
  const requests: RecordedRequest[] = [];
  const faults = new FaultBook<EmailProviderFault>();
  const idempotency = new IdempotencyStore();

  const toOf = (v: unknown): string[] =>
    (Array.isArray(v) ? v : typeof v === "string" ? [v] : []).map((s) => String(s).toLowerCase());

  async function handle({ req, res, url, body }: PeerRequest) {
    if (url.pathname.startsWith("/__peer/")) return control(req.method ?? "GET", url, body, res);
    if (url.pathname.startsWith("/moved/")) {
      // A provider base URL that redirects: /moved/x -> /x on this same server (which would answer).
      res.writeHead(302, { location: `${url.pathname.slice("/moved".length)}${url.search}` }).end();
      return;
    }
    const auth = req.headers.authorization ?? null;
    const token = auth?.replace(/^Bearer\s+/i, "") ?? "";
    if (token !== apiKey && token !== sendOnlyApiKey) {
      sendJson(res, 401, { statusCode: 401, name: "invalid_api_key", message: "API key is invalid" });
      return;
    }
    if (req.method === "GET" && url.pathname === "/domains") {
      if (token === sendOnlyApiKey) {
        sendJson(res, 401, {
          statusCode: 401,
          name: "restricted_api_key",
          message: "This API key is restricted to only send emails",
        });
        return;
      }
      sendJson(res, 200, { object: "list", data: [{ id: "d_1", name: "acme.test", status: "verified" }] });
      return;
    }
    if (req.method !== "POST" || url.pathname !== "/emails") {
      sendJson(res, 404, { statusCode: 404, name: "not_found", message: "Route not found" });
      return;
    }
    const payload = parseJson(body);
    const to = toOf(payload?.to);
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const record = (outcome: string) =>
      requests.push({
        method: "POST",
        path: "/emails",
        to,
        idempotency_key: key,
        authorization: auth,
        outcome,
      });

    if (key) {
      const seen = idempotency.lookup(key, sha256(body));
      if (seen === "mismatch") {
        record("idempotency_mismatch");
        sendJson(res, 409, {
          statusCode: 409,
          name: "invalid_idempotent_request",
          message: "Same idempotency key used with a different request payload",
        });
        return;
      }
      if (seen) {
        record("replayed");
        sendJson(res, seen.status, seen.body);
        return;
      }
    }
    const fault = to[0] ? faults.take(to[0]) : null;
    if (fault === "rate_limit") {
      record("rate_limited");
      sendJson(
        res,
        429,
        { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests. Slow down." },
        { "retry-after": "7" },
      );
      return;
    }
    if (fault === "server_error") {
      record("server_error");
      sendJson(res, 500, {
        statusCode: 500,
        name: "internal_server_error",
        message: "Unexpected provider failure",
      });
      return;
    }
    if (fault === "timeout") {
      record("held");
      return; // never answered; closed with the peer
    }
    if (
      !payload ||
      to.length === 0 ||
      typeof payload.from !== "string" ||
      typeof payload.subject !== "string"
    ) {
      record("invalid");
      sendJson(res, 422, {
        statusCode: 422,
        name: "validation_error",
        message: "Missing `to`, `from` or `subject` field.",
      });
      return;
    }
    if (fault === "reject") {
      record("rejected");
      sendJson(res, 422, {
        statusCode: 422,
        name: "validation_error",
        message: `Invalid \`to\` field. The email address ${to[0]} is not valid.`,
      });
      return;
    }
    const id = crypto.randomUUID();
    emails.push({
      id,
      idempotency_key: key,
      from: payload.from,
      to,
      subject: payload.subject,
      text: payload.text ?? null,
      html: payload.html ?? null,
      headers: payload.headers ?? null,
      reply_to: payload.reply_to ?? null,
    });
    if (key) idempotency.remember(key, sha256(body), 200, { id });
    if (fault === "lose_response") {
      record("stored_then_dropped");
      req.socket.destroy();
      return;
    }
    record("stored");
    sendJson(res, 200, { id });
  }

  function control(method: string, url: URL, body: string, res: PeerRequest["res"]) {
    const to = url.searchParams.get("to")?.toLowerCase();
    if (method === "GET" && url.pathname === "/__peer/emails") {
      sendJson(res, 200, { emails: emails.filter((e) => !to || e.to.includes(to)) });
      return;
    }
    if (method === "GET" && url.pathname === "/__peer/requests") {
      sendJson(res, 200, { requests: requests.filter((r) => !to || r.to.includes(to)) });
      return;
    }
    if (method === "POST" && url.pathname === "/__peer/faults") {
      const f = JSON.parse(body) as { to: string; fault: EmailProviderFault; times?: number };
      faults.set(f.to, f.fault, f.times);
      res.writeHead(204).end();
      return;
    }
    sendJson(res, 404, { message: "no such control route" });
  }

  const server = await startHttpPeer(handle);
  const info: EmailProviderInfo = { url: server.url, apiKey, sendOnlyApiKey };
  return { info, close: server.close };
}
