import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  anEmail,
  smtpFault,
  smtpMessages,
  smtpPeer,
  smtpSettings,
  uniqueAddress,
} from "../../test/delivery-fixtures";
import { composeEmail } from "./compose";
import { buildMime, SmtpChannel, type SmtpCommitJournal, verifySmtp } from "./smtp";

/** What a Durable Object would keep in its storage, kept in memory for the test. */
function memoryJournal(): SmtpCommitJournal & { marked: Set<string> } {
  const marked = new Set<string>();
  return {
    marked,
    markCommitting: (key) => void marked.add(key),
    wasCommitting: (key) => marked.has(key),
  };
}

describe("SMTP channel: delivery", () => {
  it("delivers a multipart message with every header of the action, authenticated", async () => {
    const to = uniqueAddress("ada");
    const action = anEmail(to, { subject: "Grüße aus Berlin" });
    const outcome = await new SmtpChannel(smtpSettings()).send(action);
    expect(outcome).toMatchObject({ kind: "sent" });

    const [msg, ...rest] = await smtpMessages(to);
    expect(rest).toEqual([]);
    expect(msg!.user).toBe(smtpPeer.username);
    expect(msg!.envelope).toEqual({ from: "sam@acme.test", to: [to] });
    expect(msg!.subject).toBe("Grüße aus Berlin");
    expect(msg!.message_id).toBe(action.headers["Message-ID"]);
    expect(msg!.in_reply_to).toBe("<first.1@acme.test>");
    expect(msg!.references).toEqual(["<first.1@acme.test>"]);
    expect(msg!.headers["list-unsubscribe"]).toBe("<https://cadence.test/u/token123>");
    expect(msg!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(msg!.headers.from).toBe('"Sam Sender" <sam@acme.test>');
    expect(msg!.parts).toEqual(["text/plain", "text/html"]);
    expect(msg!.text?.trim()).toBe(action.text);
    expect(msg!.html?.trim()).toBe(action.html);
    // Exactly one Message-ID: the builder must not add its own next to ours.
    expect(msg!.raw.match(/^Message-ID:/gim)).toHaveLength(1);
  });

  it("sends what composeEmail builds for a follow-up (threading and one-click unsubscribe)", async () => {
    const to = uniqueAddress("grace");
    const campaignId = crypto.randomUUID();
    const key = `${campaignId}:4:2`;
    const action = await composeEmail(env, {
      key,
      campaignId,
      rowIndex: 4,
      step: {
        step: 2,
        delay_days: 2,
        channel: "email",
        variants: [{ label: "A", weight: 50, type: "TEMPLATE" }],
        ai_personalization_enabled: false,
        track_clicks: false,
      },
      data: { first_name: "Grace" },
      to,
      template: { subject: "", body: "<p>Hi {{first_name}}, following up.</p>" },
      thread: { messageId: "<first@acme.test>", subject: "Engines" },
      publicBaseUrl: "https://cadence.test",
      from: { email: "sam@acme.test", name: null },
      seed: "s",
    });
    expect(await new SmtpChannel(smtpSettings()).send(action)).toMatchObject({ kind: "sent" });
    const [msg] = await smtpMessages(to);
    expect(msg!.subject).toBe("Re: Engines");
    expect(msg!.message_id).toBe(action.headers["Message-ID"]);
    expect(msg!.in_reply_to).toBe("<first@acme.test>");
    expect(msg!.headers["list-unsubscribe"]).toMatch(/^<https:\/\/cadence\.test\/u\/.+>$/);
    expect(msg!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(msg!.headers["x-cadence-action"]).toBe(key);
    expect(msg!.html).toContain("Hi Grace, following up.");
    expect(msg!.text).toContain("Hi Grace, following up.");
  });

  it("keeps header values on one line, so a value cannot inject headers", async () => {
    const to = uniqueAddress("inject");
    const action = anEmail(to, {
      headers: { "Message-ID": "<inj@acme.test>", "X-Note": "hello\r\nBcc: victim@evil.test" },
    });
    expect(await new SmtpChannel(smtpSettings()).send(action)).toMatchObject({ kind: "sent" });
    const [msg] = await smtpMessages(to);
    expect(msg!.headers["x-note"]).toBe("hello Bcc: victim@evil.test");
    expect(msg!.headers.bcc).toBeUndefined();
    expect(msg!.envelope.to).toEqual([to]);
  });

  it("builds MIME that refuses an invalid header name and an empty body", () => {
    expect(() => buildMime(anEmail("a@b.test", { headers: { "Bad Name": "x" } }))).toThrow(
      /Invalid header name/,
    );
    expect(() => buildMime(anEmail("a@b.test", { text: "", html: null }))).toThrow(/neither/);
  });
});

describe("SMTP channel: failures", () => {
  it("a 550 recipient rejection is permanent with the server's text; nothing is stored", async () => {
    const to = uniqueAddress("unknown");
    await smtpFault(to, "reject_rcpt");
    const outcome = await new SmtpChannel(smtpSettings()).send(anEmail(to));
    expect(outcome.kind).toBe("permanent");
    expect(outcome.kind === "permanent" && outcome.error).toMatch(
      /^550 .*Recipient address rejected: User unknown/,
    );
    expect(await smtpMessages(to)).toEqual([]);
  });

  it("a 450 at RCPT is transient", async () => {
    const to = uniqueAddress("busy");
    await smtpFault(to, "defer_rcpt");
    const outcome = await new SmtpChannel(smtpSettings()).send(anEmail(to));
    expect(outcome).toMatchObject({ kind: "transient" });
    expect(outcome.kind === "transient" && outcome.error).toMatch(/^450 .*try again later/);
  });

  it("a connection dropped after the body but before the 250 is transient and nothing is stored", async () => {
    const to = uniqueAddress("drop");
    await smtpFault(to, "drop_data");
    const journal = memoryJournal();
    const channel = new SmtpChannel(smtpSettings(), { journal, timeoutMs: 5_000 });
    const action = anEmail(to);
    const outcome = await channel.send(action);
    expect(outcome).toMatchObject({ kind: "transient" });
    expect(outcome.kind === "transient" && outcome.error).toMatch(/closed the connection|Connection failed/);
    expect(await smtpMessages(to)).toEqual([]);
    // The body had gone out: after a crash at this point nobody could know, so reconcile says so.
    expect(journal.marked.has(action.key)).toBe(true);
    expect(await channel.reconcile(action.key)).toBe("unknown");
    // The retry (same key, same Message-ID) is delivered once.
    expect(await channel.send(action)).toMatchObject({ kind: "sent" });
    expect((await smtpMessages(to)).map((m) => m.message_id)).toEqual([action.headers["Message-ID"]]);
  });

  it("reconcile is not_sent when the send never reached the message body, unknown without a journal", async () => {
    const to = uniqueAddress("early");
    await smtpFault(to, "defer_rcpt");
    const journal = memoryJournal();
    const channel = new SmtpChannel(smtpSettings(), { journal });
    const action = anEmail(to);
    expect((await channel.send(action)).kind).toBe("transient");
    expect(journal.marked.size).toBe(0);
    expect(await channel.reconcile(action.key)).toBe("not_sent");
    expect(await new SmtpChannel(smtpSettings()).reconcile(action.key)).toBe("unknown");
  });

  it("a refused connection, a silent server and a wrong password are transient", async () => {
    const refused = await new SmtpChannel(smtpSettings({ port: 1 })).send(anEmail(uniqueAddress("r")));
    expect(refused).toMatchObject({ kind: "transient" });
    expect(refused.kind === "transient" && refused.error).toMatch(/Connection failed \(connect\)/);

    const silent = await new SmtpChannel(smtpSettings({ port: smtpPeer.silentPort }), {
      timeoutMs: 300,
    }).send(anEmail(uniqueAddress("s")));
    expect(silent).toMatchObject({
      kind: "transient",
      error: "No answer from the server within 300 ms (greeting)",
    });

    const to = uniqueAddress("auth");
    const badAuth = await new SmtpChannel(smtpSettings({ password: "wrong" })).send(anEmail(to));
    expect(badAuth).toMatchObject({ kind: "transient" });
    expect(badAuth.kind === "transient" && badAuth.error).toContain("Invalid username or password (peer)");
    expect(await smtpMessages(to)).toEqual([]);
  });

  it("an envelope address that could split an SMTP command is refused before connecting", async () => {
    // Port 1 is closed: a connection attempt would have made this transient.
    const outcome = await new SmtpChannel(smtpSettings({ port: 1 })).send(
      anEmail("a@b.test>\r\nRCPT TO:<x@y.test"),
    );
    expect(outcome).toMatchObject({ kind: "permanent" });
    expect(outcome.kind === "permanent" && outcome.error).toMatch(/^Invalid recipient address/);
  });

  it("refuses to send LinkedIn actions", async () => {
    const outcome = await new SmtpChannel(smtpSettings()).send({
      kind: "linkedin",
      key: "k",
      actionType: "message",
      profileUrl: "x",
      text: "hi",
      subject: null,
    });
    expect(outcome.kind).toBe("permanent");
  });
});

describe("SMTP verify", () => {
  it("ok against the real server; a rejected login returns the server's own text", async () => {
    expect(await verifySmtp(smtpSettings())).toEqual({ ok: true });
    const bad = await verifySmtp(smtpSettings({ password: "nope" }));
    expect(bad).toEqual({ ok: false, error: "535 Error: Invalid username or password (peer)" });
  });

  it("STARTTLS asked for but not offered is refused rather than continuing in plain text", async () => {
    const res = await verifySmtp(smtpSettings({ security: "starttls" }));
    expect(res).toEqual({
      ok: false,
      error: "The server does not offer STARTTLS; refusing to continue in plain text",
    });
  });
});
