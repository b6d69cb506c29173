import { connect } from "cloudflare:sockets";

/**
 * A minimal SMTP client over `cloudflare:sockets`: greeting, EHLO, STARTTLS, AUTH PLAIN/LOGIN, one
 * MAIL/RCPT/DATA transaction, QUIT.
 *
 * Why not worker-mailer's session (we still use its `Email` for MIME): in 1.2.1 its reply reader
 * loops on `reader.read()` without checking `done`, so a server that hangs up before replying (the
 * very "connection dropped mid-DATA" case) spins the isolate at 100% CPU forever instead of failing.
 * It also goes on in plain text when STARTTLS is asked for but not offered, reports replies only
 * inside message strings, and leaves the socket open when the session setup fails. Here every reply
 * has a deadline, end of stream is an error, and the caller learns the moment the message body is
 * about to be committed (`onCommit`).
 */

export type SmtpSecurity = "tls" | "starttls" | "plain";
export type SmtpStage =
  | "connect"
  | "greeting"
  | "ehlo"
  | "starttls"
  | "auth"
  | "mail"
  | "rcpt"
  | "data"
  | "message";

export interface SmtpSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password: string | null;
}

export interface SmtpSessionOptions {
  /** Deadline for connecting and for each reply. */
  timeoutMs?: number;
  /** The name given in EHLO. */
  clientName?: string;
}

/** The server answered with a failure code; `reply` is its own text, e.g. "550 5.1.1 <x>: User unknown". */
export class SmtpReplyError extends Error {
  constructor(
    readonly stage: SmtpStage,
    readonly code: number,
    readonly reply: string,
  ) {
    super(reply);
  }
}

/** Refused, reset, closed or silent: no answer arrived for `stage`. */
export class SmtpConnectionError extends Error {
  constructor(
    readonly stage: SmtpStage,
    message: string,
  ) {
    super(message);
  }
}

/** The server lacks something the settings require (STARTTLS, AUTH), or the input cannot be sent. */
export class SmtpSetupError extends Error {
  constructor(
    readonly stage: SmtpStage,
    message: string,
  ) {
    super(message);
  }
}

interface Reply {
  code: number;
  lines: string[];
  text: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_REPLY_BYTES = 64 * 1024;
const encoder = new TextEncoder();

/** Envelope addresses go into commands verbatim, so anything that could end or split a command is refused. */
const ENVELOPE_ADDRESS = /^[^\s<>"]+@[^\s<>"@]+$/;

/** Throws unless both addresses can go into MAIL FROM / RCPT TO as they are. */
export function assertEnvelope(from: string, to: string): void {
  if (!ENVELOPE_ADDRESS.test(from)) throw new SmtpSetupError("mail", `Invalid sender address: ${from}`);
  if (!ENVELOPE_ADDRESS.test(to)) throw new SmtpSetupError("rcpt", `Invalid recipient address: ${to}`);
}

function base64Utf8(value: string): string {
  let bin = "";
  for (const b of encoder.encode(value)) bin += String.fromCharCode(b);
  return btoa(bin);
}

export class SmtpSession {
  private socket: Socket;
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private writer: WritableStreamDefaultWriter<Uint8Array>;
  private decoder = new TextDecoder();
  private buffer = "";
  private capabilities = new Map<string, string[]>();
  private closed = false;
  private readonly timeoutMs: number;
  private readonly clientName: string;

  private constructor(
    private readonly settings: SmtpSettings,
    options: SmtpSessionOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // The name goes into a command line: anything but a plain host name falls back to the default.
    const name = options.clientName;
    this.clientName = name && /^[A-Za-z0-9.-]{1,253}$/.test(name) ? name : "cadence.local";
    this.socket = connect(
      { hostname: settings.host, port: settings.port },
      {
        secureTransport:
          settings.security === "tls" ? "on" : settings.security === "starttls" ? "starttls" : "off",
        allowHalfOpen: false,
      },
    );
    this.socket.closed.catch(() => {});
    this.reader = this.socket.readable.getReader();
    this.writer = this.socket.writable.getWriter();
  }

  /** Connects and gets the session ready to send: greeting, EHLO, STARTTLS and AUTH as the settings say. */
  static async open(settings: SmtpSettings, options: SmtpSessionOptions = {}): Promise<SmtpSession> {
    const session = new SmtpSession(settings, options);
    try {
      await session.handshake();
      return session;
    } catch (err) {
      session.abort();
      throw err;
    }
  }

  private async handshake(): Promise<void> {
    try {
      await this.deadline("connect", this.socket.opened);
    } catch (err) {
      throw this.asConnectionError("connect", err);
    }
    const greeting = await this.readReply("greeting");
    if (greeting.code !== 220) throw new SmtpReplyError("greeting", greeting.code, greeting.text);
    await this.ehlo();
    if (this.settings.security === "starttls") {
      if (!this.capabilities.has("STARTTLS")) {
        throw new SmtpSetupError(
          "starttls",
          "The server does not offer STARTTLS; refusing to continue in plain text",
        );
      }
      await this.command("starttls", "STARTTLS", [220]);
      // Anything the server sent before the handshake is unauthenticated plain text: drop it.
      if (this.buffer !== "")
        throw new SmtpSetupError("starttls", "Unexpected data before the TLS handshake");
      this.reader.releaseLock();
      this.writer.releaseLock();
      this.socket = this.socket.startTls({ expectedServerHostname: this.settings.host });
      this.socket.closed.catch(() => {});
      this.reader = this.socket.readable.getReader();
      this.writer = this.socket.writable.getWriter();
      await this.ehlo();
    }
    if (this.settings.username) await this.authenticate(this.settings.username, this.settings.password ?? "");
  }

  private async ehlo(): Promise<void> {
    const reply = await this.command("ehlo", `EHLO ${this.clientName}`, null);
    this.capabilities.clear();
    if (reply.code === 250) {
      for (const line of reply.lines.slice(1)) {
        const [name, ...params] = line
          .slice(4)
          .trim()
          .split(/[\s=]+/);
        if (name)
          this.capabilities.set(
            name.toUpperCase(),
            params.map((p) => p.toUpperCase()),
          );
      }
      return;
    }
    if (reply.code !== 500 && reply.code !== 502) throw new SmtpReplyError("ehlo", reply.code, reply.text);
    // A server without ESMTP: HELO, and no extensions at all.
    await this.command("ehlo", `HELO ${this.clientName}`, [250]);
  }

  private async authenticate(username: string, password: string): Promise<void> {
    const mechanisms = this.capabilities.get("AUTH");
    if (!mechanisms) throw new SmtpSetupError("auth", "The server does not offer AUTH but a username is set");
    if (mechanisms.includes("PLAIN")) {
      await this.command("auth", `AUTH PLAIN ${base64Utf8(`\u0000${username}\u0000${password}`)}`, [235]);
    } else if (mechanisms.includes("LOGIN")) {
      await this.command("auth", "AUTH LOGIN", [334]);
      await this.command("auth", base64Utf8(username), [334]);
      await this.command("auth", base64Utf8(password), [235]);
    } else {
      throw new SmtpSetupError(
        "auth",
        `No supported AUTH mechanism (the server offers ${mechanisms.join(" ")})`,
      );
    }
  }

  /**
   * One message. `data` is the complete message, dot-stuffed and ending in CRLF.CRLF. `onCommit`
   * runs after the server's 354 and before a byte of the message is written: until then nothing can
   * have been accepted. Resolves with the server's final 250 reply.
   */
  async sendMail(input: {
    from: string;
    to: string;
    data: string;
    onCommit?: () => void | Promise<void>;
  }): Promise<string> {
    assertEnvelope(input.from, input.to);
    await this.command("mail", `MAIL FROM:<${input.from}>`, [250]);
    await this.command("rcpt", `RCPT TO:<${input.to}>`, [250, 251]);
    await this.command("data", "DATA", [354]);
    await input.onCommit?.();
    await this.write("message", input.data);
    const reply = await this.readReply("message");
    if (reply.code !== 250) throw new SmtpReplyError("message", reply.code, reply.text);
    return reply.text;
  }

  /** Polite QUIT (its answer is not awaited for long), then the socket is closed. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.write("message", "QUIT\r\n");
      await this.deadline("message", this.reader.read(), Math.min(this.timeoutMs, 2_000));
    } catch {
      // The server may already be gone; closing is all that matters.
    }
    this.abort();
  }

  private abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close().catch(() => {});
  }

  private async command(stage: SmtpStage, line: string, expect: number[] | null): Promise<Reply> {
    await this.write(stage, `${line}\r\n`);
    const reply = await this.readReply(stage);
    if (expect && !expect.includes(reply.code)) throw new SmtpReplyError(stage, reply.code, reply.text);
    return reply;
  }

  private async write(stage: SmtpStage, text: string): Promise<void> {
    try {
      await this.deadline(stage, this.writer.write(encoder.encode(text)));
    } catch (err) {
      throw this.asConnectionError(stage, err);
    }
  }

  private async readReply(stage: SmtpStage): Promise<Reply> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine(stage);
      const m = /^(\d{3})([ -]|$)/.exec(line);
      if (!m) throw new SmtpConnectionError(stage, `Malformed reply from the server: ${line.slice(0, 200)}`);
      lines.push(line);
      if (m[2] !== "-") return { code: Number(m[1]), lines, text: lines.join("\n") };
    }
  }

  private async readLine(stage: SmtpStage): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf("\n");
      if (end >= 0) {
        const line = this.buffer.slice(0, end).replace(/\r$/, "");
        this.buffer = this.buffer.slice(end + 1);
        return line;
      }
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await this.deadline(stage, this.reader.read());
      } catch (err) {
        throw this.asConnectionError(stage, err);
      }
      if (chunk.done) throw new SmtpConnectionError(stage, `The server closed the connection (${stage})`);
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
      if (this.buffer.length > MAX_REPLY_BYTES) throw new SmtpConnectionError(stage, "Reply too long");
    }
  }

  /** Races `promise` with the deadline; on expiry the socket is closed so nothing is left pending. */
  private deadline<T>(stage: SmtpStage, promise: Promise<T>, ms = this.timeoutMs): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.abort();
        reject(new SmtpConnectionError(stage, `No answer from the server within ${ms} ms (${stage})`));
      }, ms);
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  }

  private asConnectionError(stage: SmtpStage, err: unknown): Error {
    if (err instanceof SmtpConnectionError || err instanceof SmtpReplyError) return err;
    const detail = err instanceof Error ? err.message : String(err);
    return new SmtpConnectionError(stage, `Connection failed (${stage}): ${detail}`);
  }
}
