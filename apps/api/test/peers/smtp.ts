import type { IncomingMessage, ServerResponse } from "node:http";
import net, { type AddressInfo, type Socket } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import type { ReceivedMessage, SmtpFault, SmtpPeerInfo } from "./peer-types";

/**
 * A real SMTP server on loopback (smtp-server, AUTH PLAIN/LOGIN over plain text) that records what
 * it accepts. Messages and faults are reached through `handle()` on the peer HTTP server.
 */
export async function startSmtpPeer() {
  const username = "mailer";
  const password = `pw-${crypto.randomUUID()}`;
  const messages: ReceivedMessage[] = [];
  const faults = new Map<string, { fault: SmtpFault; times: number }>();

  /** Uses up one occurrence of the fault set for this recipient, if any. */
  const takeFault = (to: string, kinds: SmtpFault[]): SmtpFault | null => {
    const entry = faults.get(to.toLowerCase());
    if (!entry || !kinds.includes(entry.fault)) return null;
    if (--entry.times <= 0) faults.delete(to.toLowerCase());
    return entry.fault;
  };

  const server: SMTPServer = new SMTPServer({
    name: "peer.smtp.test",
    // Plain-text AUTH on loopback; STARTTLS is off because workerd would refuse the self-signed certificate.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      if (auth.username === username && auth.password === password) {
        callback(null, { user: username });
        return;
      }
      callback(new Error("Error: Invalid username or password (peer)"));
    },
    onRcptTo(address, _session, callback) {
      const fault = takeFault(address.address, ["reject_rcpt", "defer_rcpt"]);
      if (fault === "reject_rcpt") {
        const err = new Error(`<${address.address}>: Recipient address rejected: User unknown`);
        (err as Error & { responseCode: number }).responseCode = 550;
        callback(err);
        return;
      }
      if (fault === "defer_rcpt") {
        const err = new Error(`<${address.address}>: Mailbox temporarily unavailable, try again later`);
        (err as Error & { responseCode: number }).responseCode = 450;
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address);
      const drop = recipients.some((to) => takeFault(to, ["drop_data"]) !== null);
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (drop) {
          // The whole body (and its final dot) has arrived; hang up before the 250, so nothing is accepted.
          socketOf(session)?.destroy();
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push(toReceived(session, raw.toString("utf8"), parsed));
            callback(null, "OK: queued by peer");
          },
          (err: Error) => callback(err),
        );
      });
    },
  });

  /** smtp-server keeps no public handle on a session's socket; its connection set has one. */
  function socketOf(session: SMTPServerSession): Socket | undefined {
    const connections = (server as unknown as { connections: Set<{ session: unknown; _socket: Socket }> })
      .connections;
    for (const c of connections) if (c.session === session) return c._socket;
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();

  // Accepts connections and never says a word: what a hung mail server looks like to a client.
  const silentSockets = new Set<Socket>();
  const silent = net.createServer((socket) => {
    silentSockets.add(socket);
    socket.on("close", () => silentSockets.delete(socket));
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const silentPort = (silent.address() as AddressInfo).port;

  const info: SmtpPeerInfo = { host: "127.0.0.1", port, silentPort, username, password };

  /** HTTP control: GET/DELETE /smtp/messages?to=..., POST /smtp/faults {to, fault, times?}. */
  function handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean {
    if (url.pathname === "/smtp/messages") {
      const to = url.searchParams.get("to")?.toLowerCase();
      const matches = (m: ReceivedMessage) => !to || m.envelope.to.some((r) => r.toLowerCase() === to);
      if (req.method === "GET") {
        json(res, 200, { messages: messages.filter(matches) });
        return true;
      }
      if (req.method === "DELETE") {
        for (let i = messages.length - 1; i >= 0; i--) if (matches(messages[i]!)) messages.splice(i, 1);
        res.writeHead(204).end();
        return true;
      }
    }
    if (url.pathname === "/smtp/faults" && req.method === "POST") {
      const { to, fault, times } = JSON.parse(body) as { to: string; fault: SmtpFault; times?: number };
      faults.set(to.toLowerCase(), { fault, times: times ?? 1 });
      res.writeHead(204).end();
      return true;
    }
    return false;
  }

  return {
    info,
    handle,
    close: async () => {
      for (const socket of silentSockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function toReceived(
  session: SMTPServerSession,
  raw: string,
  parsed: Awaited<ReturnType<typeof simpleParser>>,
): ReceivedMessage {
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines)
    headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
  const parts = [...raw.matchAll(/^Content-Type:\s*(text\/[a-z]+)/gim)].map((m) => m[1]!.toLowerCase());
  const refs = parsed.references;
  return {
    envelope: {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
      to: session.envelope.rcptTo.map((r) => r.address),
    },
    user: typeof session.user === "string" ? session.user : null,
    subject: parsed.subject ?? "",
    text: parsed.text ?? null,
    html: typeof parsed.html === "string" ? parsed.html : null,
    message_id: parsed.messageId ?? null,
    in_reply_to: parsed.inReplyTo ?? null,
    references: refs === undefined ? [] : Array.isArray(refs) ? refs : [refs],
    headers,
    parts,
    raw,
  };
}

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}
