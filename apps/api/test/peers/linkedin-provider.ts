import {
  FaultBook,
  IdempotencyStore,
  type PeerRequest,
  parseJson,
  sendJson,
  sha256,
  startHttpPeer,
} from "./http-peer";
import type { LinkedInProviderFault, LinkedInProviderInfo } from "./peer-types";

interface PerformedAction {
  type: "profile_visit" | "connection_request" | "message" | "inmail";
  identifier: string;
  provider_id: string;
  account_id: unknown;
  idempotency_key: string | null;
  text: unknown;
  subject: unknown;
  id: string;
}

/**
 * Behaves like a Unipile-style LinkedIn API (see src/channels/linkedin.ts for the paths). Control:
 * GET /__peer/actions?identifier=, GET /__peer/requests?identifier=, POST /__peer/faults
 * {identifier, fault, times?}.
 */
export async function startLinkedInProviderPeer() {
  const apiKey = `unipile_${crypto.randomUUID()}`;
  const accountId = `acct_${crypto.randomUUID().slice(0, 8)}`;
  const actions: PerformedAction[] = [];
  const requests: {
    method: string;
    path: string;
    identifier: string;
    idempotency_key: string | null;
    outcome: string;
  }[] = [];
  const faults = new FaultBook<LinkedInProviderFault>();
  const idempotency = new IdempotencyStore();
  const identifierOf = new Map<string, string>();
  const providerIdOf = (identifier: string) => `ACo${sha256(identifier).slice(0, 20)}`;

  async function handle({ req, res, url, body }: PeerRequest) {
    if (url.pathname.startsWith("/__peer/")) return control(req.method ?? "GET", url, body, res);
    if (req.headers["x-api-key"] !== apiKey) {
      sendJson(res, 401, {
        status: 401,
        type: "errors/invalid_credentials",
        title: "Unauthorized",
        detail: "Invalid API key",
      });
      return;
    }
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    // GET only: POST /api/v1/users/invite shares the shape.
    const profileMatch = req.method === "GET" ? /^\/api\/v1\/users\/([^/]+)$/.exec(url.pathname) : null;
    const payload = req.method === "POST" ? parseJson(body) : null;
    const identifier = profileMatch
      ? decodeURIComponent(profileMatch[1]!)
      : (identifierOf.get(
          String(payload?.provider_id ?? (payload?.attendees_ids as unknown[] | undefined)?.[0] ?? ""),
        ) ?? "");
    const record = (outcome: string) =>
      requests.push({
        method: req.method ?? "",
        path: url.pathname,
        identifier,
        idempotency_key: key,
        outcome,
      });

    if (req.method === "GET" && profileMatch) {
      if (url.searchParams.get("account_id") !== accountId) {
        record("bad_account");
        sendJson(res, 422, {
          status: 422,
          type: "errors/invalid_account",
          title: "Invalid account",
          detail: "Unknown account_id",
        });
        return;
      }
      if (faults.take(identifier, ["not_found"])) {
        record("not_found");
        sendJson(res, 404, {
          status: 404,
          type: "errors/resource_not_found",
          title: "Not found",
          detail: "User not found",
        });
        return;
      }
    }
    let action: PerformedAction["type"] | null = null;
    if (req.method === "GET" && profileMatch && key) action = "profile_visit";
    else if (req.method === "POST" && url.pathname === "/api/v1/users/invite") action = "connection_request";
    else if (req.method === "POST" && url.pathname === "/api/v1/chats") {
      action =
        (payload?.linkedin as { inmail?: unknown } | undefined)?.inmail === true ? "inmail" : "message";
    }
    if (req.method === "GET" && profileMatch && !action) {
      // A plain lookup: the profile, nothing performed.
      identifierOf.set(providerIdOf(identifier), identifier);
      record("looked_up");
      sendJson(res, 200, {
        object: "UserProfile",
        provider_id: providerIdOf(identifier),
        public_identifier: identifier,
      });
      return;
    }
    if (!action) {
      record("unknown_route");
      sendJson(res, 404, {
        status: 404,
        type: "errors/not_found",
        title: "Not found",
        detail: "No such route",
      });
      return;
    }
    const fingerprint = sha256(`${req.method} ${url.pathname}${url.search} ${body}`);
    if (key) {
      const seen = idempotency.lookup(key, fingerprint);
      if (seen === "mismatch") {
        record("idempotency_mismatch");
        sendJson(res, 409, {
          status: 409,
          type: "errors/idempotency",
          title: "Conflict",
          detail: "Idempotency key reused",
        });
        return;
      }
      if (seen) {
        record("replayed");
        sendJson(res, seen.status, seen.body);
        return;
      }
    }
    const fault = faults.take(identifier, [
      "rate_limit",
      "rate_limit_bare",
      "server_error",
      "timeout",
      "lose_response",
    ]);
    if (fault === "rate_limit" || fault === "rate_limit_bare") {
      record("rate_limited");
      sendJson(
        res,
        429,
        {
          status: 429,
          type: "errors/too_many_requests",
          title: "Too many requests",
          detail: "Account is rate limited",
        },
        fault === "rate_limit" ? { "retry-after": "90" } : {},
      );
      return;
    }
    if (fault === "server_error") {
      record("server_error");
      sendJson(res, 500, {
        status: 500,
        type: "errors/unexpected_error",
        title: "Unexpected error",
        detail: "Provider down",
      });
      return;
    }
    if (fault === "timeout") {
      record("held");
      return;
    }
    if (action !== "profile_visit" && payload?.account_id !== accountId) {
      record("bad_account");
      sendJson(res, 422, {
        status: 422,
        type: "errors/invalid_account",
        title: "Invalid account",
        detail: "Unknown account_id",
      });
      return;
    }
    const text = action === "connection_request" ? payload?.message : payload?.text;
    if (action === "connection_request" && typeof text === "string" && text.length > 300) {
      record("note_too_long");
      sendJson(res, 422, {
        status: 422,
        type: "errors/invalid_parameters",
        title: "Invalid",
        detail: "Note too long",
      });
      return;
    }
    const id = crypto.randomUUID();
    actions.push({
      type: action,
      identifier,
      provider_id: providerIdOf(identifier),
      account_id: action === "profile_visit" ? url.searchParams.get("account_id") : payload?.account_id,
      idempotency_key: key,
      text: text ?? null,
      subject: payload?.subject ?? null,
      id,
    });
    const status = action === "profile_visit" ? 200 : 201;
    const answer =
      action === "profile_visit"
        ? { object: "UserProfile", provider_id: providerIdOf(identifier), public_identifier: identifier }
        : action === "connection_request"
          ? { object: "UserInvitationSent", invitation_id: id }
          : { object: "ChatStarted", chat_id: `chat_${id}`, message_id: id };
    if (action === "profile_visit") identifierOf.set(providerIdOf(identifier), identifier);
    if (key) idempotency.remember(key, fingerprint, status, answer);
    if (fault === "lose_response") {
      record("performed_then_dropped");
      req.socket.destroy();
      return;
    }
    record("performed");
    sendJson(res, status, answer);
  }

  function control(method: string, url: URL, body: string, res: PeerRequest["res"]) {
    const identifier = url.searchParams.get("identifier");
    const mine = (r: { identifier: string }) => !identifier || r.identifier === identifier;
    if (method === "GET" && url.pathname === "/__peer/actions") {
      sendJson(res, 200, { actions: actions.filter(mine) });
      return;
    }
    if (method === "GET" && url.pathname === "/__peer/requests") {
      sendJson(res, 200, { requests: requests.filter(mine) });
      return;
    }
    if (method === "POST" && url.pathname === "/__peer/faults") {
      const f = JSON.parse(body) as { identifier: string; fault: LinkedInProviderFault; times?: number };
      faults.set(f.identifier, f.fault, f.times);
      res.writeHead(204).end();
      return;
    }
    sendJson(res, 404, { message: "no such control route" });
  }

  const server = await startHttpPeer(handle);
  const info: LinkedInProviderInfo = { url: server.url, apiKey, accountId };
  return { info, close: server.close };
}
