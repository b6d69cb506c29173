import { describe, expect, it } from "vitest";
import {
  anEmail,
  emailProvider,
  providerEmails,
  providerFault,
  providerRequests,
  uniqueAddress,
} from "../../test/delivery-fixtures";
import { HttpEmailChannel, verifyHttpEmail } from "./http-email";

const settings = (apiKey = emailProvider.apiKey) => ({
  provider: "resend" as const,
  baseUrl: emailProvider.url,
  apiKey,
});
const channel = (opts: { timeoutMs?: number; apiKey?: string } = {}) =>
  new HttpEmailChannel(settings(opts.apiKey), { timeoutMs: opts.timeoutMs ?? 5_000 });

describe("HTTP email channel", () => {
  it("posts the email with its key as Idempotency-Key and returns the provider's id", async () => {
    const to = uniqueAddress("ada");
    const action = anEmail(to);
    const outcome = await channel().send(action);
    expect(outcome.kind).toBe("sent");
    const [stored, ...rest] = await providerEmails(to);
    expect(rest).toEqual([]);
    expect(outcome).toEqual({ kind: "sent", providerId: stored.id });
    expect(stored).toMatchObject({
      idempotency_key: action.key,
      from: "Sam Sender <sam@acme.test>",
      to: [to],
      subject: "Quick question",
      text: action.text,
      html: action.html,
      headers: action.headers,
    });
    const [req] = await providerRequests(to);
    expect(req).toMatchObject({ authorization: `Bearer ${emailProvider.apiKey}`, outcome: "stored" });
  });

  it("sending the same action twice stores one email (the provider replays the first answer)", async () => {
    const to = uniqueAddress("twice");
    const action = anEmail(to);
    const first = await channel().send(action);
    const second = await channel().send(action);
    expect(second).toEqual(first);
    expect(await providerEmails(to)).toHaveLength(1);
    expect((await providerRequests(to)).map((r) => r.outcome)).toEqual(["stored", "replayed"]);
  });

  it("429 is transient with the provider's Retry-After; the retry under the same key sends once", async () => {
    const to = uniqueAddress("busy");
    await providerFault(to, "rate_limit");
    const action = anEmail(to);
    expect(await channel().send(action)).toEqual({
      kind: "transient",
      error: "429: Too many requests. Slow down.",
      retryAfterMs: 7_000,
      throttled: true,
    });
    expect(await providerEmails(to)).toEqual([]);
    expect((await channel().send(action)).kind).toBe("sent");
    expect(await providerEmails(to)).toHaveLength(1);
  });

  it("500 and a timeout are transient", async () => {
    const to = uniqueAddress("down");
    await providerFault(to, "server_error");
    expect(await channel().send(anEmail(to))).toEqual({
      kind: "transient",
      error: "500: Unexpected provider failure",
    });
    const slow = uniqueAddress("slow");
    await providerFault(slow, "timeout");
    const started = Date.now();
    const outcome = await channel({ timeoutMs: 300 }).send(anEmail(slow));
    expect(outcome).toMatchObject({ kind: "transient" });
    expect(outcome.kind === "transient" && outcome.error).toMatch(
      /No answer from 127\.0\.0\.1:\d+ within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a network failure is transient", async () => {
    const outcome = await new HttpEmailChannel({ ...settings(), baseUrl: "http://127.0.0.1:1" }).send(
      anEmail(uniqueAddress("x")),
    );
    expect(outcome).toMatchObject({ kind: "transient" });
    expect(outcome.kind === "transient" && outcome.error).toMatch(/^Request to 127\.0\.0\.1:1 failed/);
  });

  it("other 4xx are permanent with the provider's message", async () => {
    const to = uniqueAddress("bad");
    await providerFault(to, "reject");
    expect(await channel().send(anEmail(to))).toEqual({
      kind: "permanent",
      error: `422: Invalid \`to\` field. The email address ${to} is not valid.`,
    });
    expect(await channel({ apiKey: "re_wrong" }).send(anEmail(uniqueAddress("k")))).toEqual({
      kind: "permanent",
      error: "401: API key is invalid",
    });
  });

  it("accepted but the answer lost: transient, then reconcile resends under the key and gets 'sent', one email", async () => {
    const to = uniqueAddress("lost");
    await providerFault(to, "lose_response");
    const action = anEmail(to);
    const outcome = await channel().send(action);
    expect(outcome.kind).toBe("transient");
    expect(await providerEmails(to)).toHaveLength(1);

    expect(await channel().reconcile(action.key, action)).toBe("sent");
    expect(await providerEmails(to)).toHaveLength(1);
    expect((await providerRequests(to)).map((r) => r.outcome)).toEqual(["stored_then_dropped", "replayed"]);
  });

  it("reconcile: 'sent' also when the first request never arrived (this is then the one send)", async () => {
    const to = uniqueAddress("never");
    const action = anEmail(to);
    expect(await channel().reconcile(action.key, action)).toBe("sent");
    expect(await providerEmails(to)).toHaveLength(1);
  });

  it("reconcile without the action, with another key, or while unreachable is 'unknown'; a rejected payload is 'not_sent'", async () => {
    const action = anEmail(uniqueAddress("u"));
    expect(await channel().reconcile(action.key)).toBe("unknown");
    expect(await channel().reconcile("other:1:1", action)).toBe("unknown");
    const down = new HttpEmailChannel({ ...settings(), baseUrl: "http://127.0.0.1:1" });
    expect(await down.reconcile(action.key, action)).toBe("unknown");
    const to = uniqueAddress("rejected");
    await providerFault(to, "reject");
    const rejected = anEmail(to);
    expect(await channel().reconcile(rejected.key, rejected)).toBe("not_sent");
  });
});

describe("HTTP email verify", () => {
  it("ok with a full key and with a send-only key; a wrong key returns the provider's answer", async () => {
    expect(await verifyHttpEmail(settings())).toEqual({ ok: true });
    expect(await verifyHttpEmail(settings(emailProvider.sendOnlyApiKey))).toEqual({ ok: true });
    expect(await verifyHttpEmail(settings("re_wrong"))).toEqual({
      ok: false,
      error: "401: API key is invalid",
    });
  });

  it("does not follow a redirect, even to a host that would answer", async () => {
    const moved = { ...settings(), baseUrl: `${emailProvider.url}/moved` };
    expect(await verifyHttpEmail(moved)).toEqual({ ok: false, error: expect.stringMatching(/^302: /) });
    const to = uniqueAddress("moved");
    const outcome = await new HttpEmailChannel(moved, { timeoutMs: 5_000 }).send(anEmail(to));
    expect(outcome.kind).toBe("permanent");
    expect(await providerEmails(to)).toEqual([]);
  });
});
