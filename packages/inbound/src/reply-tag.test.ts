import { describe, expect, it } from "vitest";
import { parseTaggedAddress, signTag, taggedAddress, verifyTag } from "./reply-tag";

const key = await crypto.subtle.importKey(
  "raw",
  new TextEncoder().encode("test key material"),
  { name: "HMAC", hash: "SHA-256" },
  false,
  ["sign"],
);
const action = { campaignId: "0b6f4c8e-4d1a-4c3e-9f57-2a1d3b5c7e90", rowIndex: 1234, step: 2 };

describe("signed reply tags", () => {
  it("round-trips campaign, row and step in a short, lower-case local part", async () => {
    const token = (await signTag(key, "r", action))!;
    expect(token).toMatch(/^[a-z2-7]+$/);
    expect(`r+${token}`.length).toBeLessThanOrEqual(64);
    expect(await verifyTag(key, "r", token)).toEqual(action);
    expect(await verifyTag(key, "r", token.toUpperCase())).toEqual(action);
    for (const rowIndex of [0, 1, 127, 128, 16_383, 16_384, 2 ** 40])
      expect(await verifyTag(key, "b", (await signTag(key, "b", { ...action, rowIndex }))!)).toEqual({
        ...action,
        rowIndex,
      });
  });

  it("refuses any altered character, a truncated token, the other kind and another key", async () => {
    const token = (await signTag(key, "r", action))!;
    for (let i = 0; i < token.length; i++) {
      const altered = token.slice(0, i) + (token[i] === "a" ? "b" : "a") + token.slice(i + 1);
      expect(await verifyTag(key, "r", altered), `position ${i}`).toBeNull();
    }
    expect(await verifyTag(key, "r", token.slice(0, -1))).toBeNull();
    expect(await verifyTag(key, "b", token)).toBeNull();
    const other = await crypto.subtle.importKey(
      "raw",
      new Uint8Array(32),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    expect(await verifyTag(other, "r", token)).toBeNull();
    expect(await verifyTag(key, "r", "not base32!")).toBeNull();
  });

  it("declines what it cannot encode", async () => {
    expect(await signTag(key, "r", { ...action, campaignId: "not-a-uuid" })).toBeNull();
    expect(await signTag(key, "r", { ...action, step: 300 })).toBeNull();
  });

  it("finds the tag in an address on the inbound domain only", () => {
    expect(parseTaggedAddress(taggedAddress("r", "abc234", "In.Example"), "in.example")).toEqual({
      kind: "r",
      token: "abc234",
    });
    expect(parseTaggedAddress("B+ABC@in.example", "in.example")).toEqual({ kind: "b", token: "abc" });
    expect(parseTaggedAddress("r+abc@other.example", "in.example")).toBeNull();
    expect(parseTaggedAddress("sam@in.example", "in.example")).toBeNull();
  });
});
