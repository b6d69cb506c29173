import { env } from "cloudflare:workers";
import type { Step } from "@cadence/contract";
import { describe, expect, it } from "vitest";
import { smtpMessages, smtpSettings, uniqueAddress } from "../../test/delivery-fixtures";
import { verifyLinkToken } from "../lib/link-tokens";
import { type ComposeEmailInput, composeEmail, unsendableEmailReason } from "./compose";
import { SmtpChannel } from "./smtp";

const step = (overrides: Partial<Step> = {}): Step => ({
  step: 1,
  delay_days: 0,
  channel: "email",
  variants: [{ label: "A", weight: 1, type: "PERSONALIZATION" }],
  ai_personalization_enabled: false,
  track_clicks: false,
  ...overrides,
});

function input(overrides: Partial<ComposeEmailInput> = {}): ComposeEmailInput {
  const campaignId = crypto.randomUUID();
  return {
    key: `${campaignId}:3:1`,
    campaignId,
    rowIndex: 3,
    step: step(),
    data: { first_name: "Ada <b>", company: "Analytical" },
    to: "ada@example.com",
    template: { subject: "", body: "" },
    thread: null,
    publicBaseUrl: "https://cadence.test",
    from: { email: "sam@acme.test", name: "Sam" },
    seed: "seed",
    ...overrides,
  };
}

const GENERATED = {
  subject: "A {quick|short} idea for Analytical",
  body: "Hi Ada <b>,\n\nSee https://acme.test/offer?a=1&b=2 for the details.\n\nUnsubscribe: {{ unsubscribe_url }}",
};

describe("composeEmail with generated content", () => {
  it("sends a plain-text generated email as written, with the unsubscribe link and headers filled in", async () => {
    const email = await composeEmail(env, input({ generated: GENERATED }));
    const unsubscribe = email.headers["List-Unsubscribe"]!.slice(1, -1);
    expect(unsubscribe).toMatch(/^https:\/\/cadence\.test\/u\/.+/);
    expect(await verifyLinkToken(env, unsubscribe.split("/u/")[1]!)).toMatchObject({ k: "u", r: 3, s: 1 });
    expect(email.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // Nothing in it is a template: braces and merge-like text stay exactly as generated.
    expect(email.subject).toBe(GENERATED.subject);
    expect(email.text).toBe(GENERATED.body.replace("{{ unsubscribe_url }}", unsubscribe));
    expect(email.html).toBeNull();
  });

  it("makes an HTML email of it when the variant's template is HTML: escaped, links tracked, unsubscribe kept", async () => {
    const email = await composeEmail(
      env,
      input({
        step: step({ track_clicks: true }),
        template: { subject: "Hi", body: "<p>Hi {{ first_name }}</p>" },
        generated: GENERATED,
      }),
    );
    const unsubscribe = email.headers["List-Unsubscribe"]!.slice(1, -1);
    expect(email.html).toContain("<p>Hi Ada &lt;b&gt;,</p>");
    expect(email.html).not.toContain("<b>");
    // The offer link goes through a signed click redirect; the unsubscribe link does not.
    const tracked = /href="(https:\/\/cadence\.test\/c\/[^"]+)"/.exec(email.html!)?.[1];
    expect(tracked).toBeDefined();
    expect(await verifyLinkToken(env, tracked!.split("/c/")[1]!)).toMatchObject({
      k: "c",
      url: "https://acme.test/offer?a=1&b=2",
    });
    expect(email.html).toContain(`<a href="${unsubscribe}">`);
    expect(email.text).toBe(GENERATED.body.replace("{{ unsubscribe_url }}", unsubscribe));
  });

  it("leaves the template path as it was: merge fields rendered and escaped, plain text untouched", async () => {
    const html = await composeEmail(
      env,
      input({ template: { subject: "For {{ company }}", body: "<p>Hi {{ first_name }}</p>" } }),
    );
    expect(html.subject).toBe("For Analytical");
    expect(html.html).toBe("<p>Hi Ada &lt;b&gt;</p>");
    expect(html.text).toBe("Hi Ada <b>");
    const plain = await composeEmail(
      env,
      input({ template: { subject: "Hey", body: "Hi {{ first_name }}" } }),
    );
    expect(plain).toMatchObject({ subject: "Hey", text: "Hi Ada <b>", html: null });
  });

  it("threads a generated follow-up on the first message and keeps its own subject", async () => {
    const email = await composeEmail(
      env,
      input({
        step: step({ step: 2 }),
        thread: { messageId: "<first@acme.test>", subject: "Engines" },
        generated: { subject: "Following up, Ada", body: "Just checking in." },
      }),
    );
    expect(email.subject).toBe("Following up, Ada");
    expect(email.headers["In-Reply-To"]).toBe("<first@acme.test>");
  });

  it("arrives byte for byte over SMTP", async () => {
    const to = uniqueAddress("generated");
    const email = await composeEmail(env, input({ to, generated: GENERATED }));
    expect(await new SmtpChannel(smtpSettings()).send(email)).toMatchObject({ kind: "sent" });
    const [msg] = await smtpMessages(to);
    expect(msg!.subject).toBe(GENERATED.subject);
    expect(msg!.text?.replace(/\n$/, "")).toBe(email.text);
  });
});

describe("unsendableEmailReason", () => {
  it("refuses an email with an empty subject or body", () => {
    expect(unsendableEmailReason({ subject: "Hi", text: "Body", html: null })).toBeNull();
    expect(unsendableEmailReason({ subject: " ", text: "Body", html: null })).toBe(
      "the email's subject is empty",
    );
    expect(unsendableEmailReason({ subject: "Hi", text: "\n", html: null })).toBe(
      "the email's body is empty",
    );
    expect(unsendableEmailReason({ subject: "Hi", text: "", html: "<p> </p>" })).toBe(
      "the email's body is empty",
    );
    expect(unsendableEmailReason({ subject: "Hi", text: "", html: "<p>Body</p>" })).toBeNull();
  });
});
