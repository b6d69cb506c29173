import { describe, expect, it } from "vitest";
import { campaignLeadId, uuidV5 } from "./sequence";

describe("campaign lead ids", () => {
  it("are RFC 9562 version-5 UUIDs (the RFC's own DNS example)", async () => {
    expect(await uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("are the same for the same campaign and row, and differ across rows and campaigns", async () => {
    const campaign = "0b0c5a4e-8f37-4b1e-9a3c-0d3f1c2b4a55";
    const other = "6f1d2c3b-4a59-4e8f-8d7c-1b2a3c4d5e6f";
    const id = await campaignLeadId(campaign, 17);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await campaignLeadId(campaign, 17)).toBe(id);
    expect(await campaignLeadId(campaign, 18)).not.toBe(id);
    expect(await campaignLeadId(other, 17)).not.toBe(id);
  });
});
