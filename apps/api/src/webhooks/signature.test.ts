import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhookPayload, verifyWebhookSignature } from "./signature";

const SECRET = "whsec_0123456789abcdefghijABCDEFGHIJ";
const BODY = '{"id":"c1:1","type":"lead.sent","created_at":"2027-03-01T09:15:00Z","data":{"n":1}}';
const T = 1_803_000_000;
const NOW = T * 1000;

describe("webhook signatures", () => {
  it("match an HMAC-SHA256 over '<t>.<body>' computed independently", async () => {
    const header = await signWebhookPayload(SECRET, T, BODY);
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(SECRET),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = new Uint8Array(
      await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${T}.${BODY}`)),
    );
    const hex = [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(header).toBe(`t=${T},v1=${hex}`);
    expect(await verifyWebhookSignature(SECRET, header, BODY, 300, NOW)).toBe(true);
  });

  it("reject a changed body, another secret, a changed timestamp and malformed headers", async () => {
    const header = await signWebhookPayload(SECRET, T, BODY);
    const v1 = header.split(",v1=")[1]!;
    expect(await verifyWebhookSignature(SECRET, header, BODY.replace('"n":1', '"n":2'), 300, NOW)).toBe(
      false,
    );
    expect(await verifyWebhookSignature(`${SECRET}x`, header, BODY, 300, NOW)).toBe(false);
    expect(await verifyWebhookSignature(SECRET, `t=${T + 1},v1=${v1}`, BODY, 300, NOW)).toBe(false);
    for (const bad of [
      null,
      "",
      "garbage",
      `v1=${v1}`,
      `t=${T}`,
      `t=${T},v1=${v1.slice(2)}`,
      `t=abc,v1=${v1}`,
    ]) {
      expect(await verifyWebhookSignature(SECRET, bad, BODY, 300, NOW), String(bad)).toBe(false);
    }
  });

  it("accept a timestamp within the tolerance either way, and reject one outside it", async () => {
    const header = await signWebhookPayload(SECRET, T, BODY);
    expect(await verifyWebhookSignature(SECRET, header, BODY, 300, NOW + 300_000)).toBe(true);
    expect(await verifyWebhookSignature(SECRET, header, BODY, 300, NOW - 300_000)).toBe(true);
    expect(await verifyWebhookSignature(SECRET, header, BODY, 300, NOW + 301_000)).toBe(false);
    expect(await verifyWebhookSignature(SECRET, header, BODY, 300, NOW - 301_000)).toBe(false);
    expect(await verifyWebhookSignature(SECRET, header, BODY, 3600, NOW + 301_000)).toBe(true);
  });

  it("accept the header when any of several v1 entries matches", async () => {
    const header = await signWebhookPayload(SECRET, T, BODY);
    const other = await signWebhookPayload("whsec_other", T, BODY);
    const combined = `t=${T}, v1=${other.split(",v1=")[1]}, v1=${header.split(",v1=")[1]}`;
    expect(await verifyWebhookSignature(SECRET, combined, BODY, 300, NOW)).toBe(true);
    expect(await verifyWebhookSignature("whsec_third", combined, BODY, 300, NOW)).toBe(false);
  });

  it("new secrets are whsec_ and 32 base62 characters, never repeated", () => {
    const secrets = Array.from({ length: 200 }, newWebhookSecret);
    for (const s of secrets) expect(s).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    expect(new Set(secrets).size).toBe(200);
  });
});
