// The SDK's verifier against signatures made by the Worker's own signer.
import { signWebhookPayload } from "@cadence/api/src/webhooks/signature";
import { describe, expect, it } from "vitest";
import { CadenceWebhookError, constructWebhookEvent, verifyWebhookSignature } from "../../src/index";

const secret = "whsec_0123456789abcdefghijABCDEFGHIJkl";
const body = JSON.stringify({
  id: "evt_1",
  type: "lead.sent",
  created_at: "2026-11-30T12:00:00Z",
  data: { campaign_id: "c", note: "Grüße, ünïcödé" },
});
const now = Date.UTC(2026, 10, 30, 12, 0, 0);
const t = now / 1000;

describe("verifyWebhookSignature", () => {
  it("accepts the Worker's signature over the raw body, as text or bytes", async () => {
    const signature = await signWebhookPayload(secret, t, body);
    expect(await verifyWebhookSignature({ secret, signature, body, now })).toBe(true);
    const bytes = new TextEncoder().encode(body);
    expect(await verifyWebhookSignature({ secret, signature, body: bytes, now })).toBe(true);
    expect(await verifyWebhookSignature({ secret, signature, body: bytes.buffer as ArrayBuffer, now })).toBe(
      true,
    );
  });

  it("refuses another body, another secret, a missing or malformed header", async () => {
    const signature = await signWebhookPayload(secret, t, body);
    expect(
      await verifyWebhookSignature({ secret, signature, body: body.replace("evt_1", "evt_2"), now }),
    ).toBe(false);
    expect(await verifyWebhookSignature({ secret: `${secret}x`, signature, body, now })).toBe(false);
    expect(await verifyWebhookSignature({ secret, signature: null, body, now })).toBe(false);
    expect(await verifyWebhookSignature({ secret, signature: "v1=abc", body, now })).toBe(false);
    expect(
      await verifyWebhookSignature({ secret, signature: signature.replace(/v1=.*/, "v1=zz"), body, now }),
    ).toBe(false);
  });

  it("refuses a timestamp outside the tolerance (replays), either way", async () => {
    const old = await signWebhookPayload(secret, t - 301, body);
    expect(await verifyWebhookSignature({ secret, signature: old, body, now })).toBe(false);
    expect(await verifyWebhookSignature({ secret, signature: old, body, now, toleranceSeconds: 600 })).toBe(
      true,
    );
    const future = await signWebhookPayload(secret, t + 301, body);
    expect(await verifyWebhookSignature({ secret, signature: future, body, now })).toBe(false);
    const recent = await signWebhookPayload(secret, t - 299, body);
    expect(await verifyWebhookSignature({ secret, signature: recent, body, now })).toBe(true);
  });

  it("accepts a header with several v1 entries when any one matches (secret rotation)", async () => {
    const fromOldSecret = await signWebhookPayload("whsec_old", t, body);
    const fromSecret = await signWebhookPayload(secret, t, body);
    const both = `${fromOldSecret}, ${fromSecret.split(",")[1]}`;
    expect(await verifyWebhookSignature({ secret, signature: both, body, now })).toBe(true);
    expect(await verifyWebhookSignature({ secret: "whsec_other", signature: both, body, now })).toBe(false);
  });
});

describe("constructWebhookEvent", () => {
  it("returns the parsed event when verified and throws otherwise", async () => {
    const signature = await signWebhookPayload(secret, t, body);
    const event = await constructWebhookEvent({ secret, signature, body, now });
    expect(event).toMatchObject({ id: "evt_1", type: "lead.sent" });
    await expect(constructWebhookEvent({ secret: "whsec_x", signature, body, now })).rejects.toBeInstanceOf(
      CadenceWebhookError,
    );
  });
});
