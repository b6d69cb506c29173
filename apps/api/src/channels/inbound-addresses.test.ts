import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  emailProvider,
  providerEmails,
  smtpMessages,
  smtpSettings,
  uniqueAddress,
} from "../../test/delivery-fixtures";
import { readTaggedAddress } from "../lib/reply-tags";
import { composeEmail } from "./compose";
import { HttpEmailChannel } from "./http-email";
import { SmtpChannel } from "./smtp";

const INBOUND = "inbound.cadence.test";
const inboundEnv = { ...env, INBOUND_DOMAIN: INBOUND };

function compose(e: typeof env, campaignId: string, to: string, rowIndex = 3) {
  return composeEmail(e, {
    key: `${campaignId}:${rowIndex}:1`,
    campaignId,
    rowIndex,
    step: {
      step: 1,
      delay_days: 0,
      channel: "email",
      variants: [{ label: "A", weight: 50, type: "TEMPLATE" }],
      ai_personalization_enabled: false,
      track_clicks: false,
    },
    data: { first_name: "Ada" },
    to,
    template: { subject: "Hello {{first_name}}", body: "Hi {{first_name}}" },
    thread: null,
    publicBaseUrl: "https://cadence.test",
    from: { email: "sam@acme.test", name: "Sam Sender" },
    seed: "s",
  });
}

describe("outbound addresses on INBOUND_DOMAIN", () => {
  it("over real SMTP: a signed Reply-To and the tagged envelope sender, each naming the action", async () => {
    const to = uniqueAddress("ada");
    const campaignId = crypto.randomUUID();
    const action = await compose(inboundEnv, campaignId, to);
    expect(await new SmtpChannel(smtpSettings()).send(action)).toMatchObject({ kind: "sent" });

    const [msg] = await smtpMessages(to);
    const replyTo = /^Sam Sender <(r\+[a-z2-7]+@inbound\.cadence\.test)>$/.exec(
      msg!.headers["reply-to"]!,
    )?.[1];
    expect(replyTo, msg!.headers["reply-to"]).toBeDefined();
    expect(msg!.envelope.from).toMatch(/^b\+[a-z2-7]+@inbound\.cadence\.test$/);
    // The From stays the alias; only replies and bounces are routed to Cadence.
    expect(msg!.headers.from).toBe('"Sam Sender" <sam@acme.test>');
    const named = { campaignId, rowIndex: 3, step: 1 };
    expect(await readTaggedAddress(inboundEnv, replyTo!)).toEqual({ kind: "r", action: named });
    expect(await readTaggedAddress(inboundEnv, msg!.envelope.from)).toEqual({ kind: "b", action: named });
    // A tag altered to name another row does not verify.
    const tampered = replyTo!.replace(/r\+(.)/, (_, c: string) => `r+${c === "a" ? "b" : "a"}`);
    expect(await readTaggedAddress(inboundEnv, tampered)).toEqual({ kind: "r", action: null });
  });

  it("without INBOUND_DOMAIN nothing changes: no Reply-To, the alias is the envelope sender", async () => {
    const to = uniqueAddress("grace");
    const action = await compose(env, crypto.randomUUID(), to);
    expect(action.headers["Reply-To"]).toBeUndefined();
    expect(action.envelopeFrom).toBeUndefined();
    await new SmtpChannel(smtpSettings()).send(action);
    const [msg] = await smtpMessages(to);
    expect(msg!.envelope.from).toBe("sam@acme.test");
    expect(msg!.headers["reply-to"]).toBeUndefined();
  });

  it("over the HTTP provider the Reply-To travels in reply_to, not among the headers", async () => {
    const to = uniqueAddress("hedy");
    const action = await compose(inboundEnv, crypto.randomUUID(), to);
    const channel = new HttpEmailChannel({
      provider: "resend",
      baseUrl: emailProvider.url,
      apiKey: emailProvider.apiKey,
    });
    expect(await channel.send(action)).toMatchObject({ kind: "sent" });
    const [stored] = await providerEmails(to);
    expect(stored.reply_to).toBe(action.headers["Reply-To"]);
    expect(stored.reply_to).toMatch(/<r\+[a-z2-7]+@inbound\.cadence\.test>$/);
    expect(stored.headers["Reply-To"]).toBeUndefined();
  });
});
