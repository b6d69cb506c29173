import { describe, expect, it } from "vitest";
import { companyDomain } from "./company";

describe("companyDomain", () => {
  it("is the address's domain, lower-cased", () => {
    expect(companyDomain("Ada@Engines.Example")).toBe("engines.example");
    expect(companyDomain("grace@sub.navy.example.")).toBe("sub.navy.example");
  });

  it("is null for free-mail providers, whose users are not one company", () => {
    for (const a of [
      "a@gmail.com",
      "b@outlook.com",
      "c@yahoo.com",
      "d@hotmail.com",
      "e@gmx.de",
      "f@icloud.com",
    ])
      expect(companyDomain(a), a).toBeNull();
  });

  it("is null without an address", () => {
    expect(companyDomain(null)).toBeNull();
    expect(companyDomain("no-at-sign")).toBeNull();
    expect(companyDomain("x@localhost")).toBeNull();
  });
});
