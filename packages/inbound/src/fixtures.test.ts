import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classificationDetails, classifyInbound, referencedMessageIds } from "./classify";
import { type FixtureValues, fillFixture } from "./fixture";
import { readInboundMessage } from "./message";

const dir = path.join(import.meta.dirname, "..", "fixtures");
const values: FixtureValues = {
  lead: "ada@example.com",
  alias: "sam@acme.test",
  reply_to: "r+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@inbound.test",
  bounce_to: "b+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@inbound.test",
  tampered_reply_to: "r+baaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@inbound.test",
  plain_inbound: "replies@inbound.test",
  message_id: "<0b6f4c8e-4d1a-4c3e-9f57-2a1d3b5c7e90.1.1@acme.test>",
};
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".eml"))
  .map((f) => ({
    name: f.replace(/\.eml$/, ""),
    raw: fillFixture(readFileSync(path.join(dir, f), "utf8"), values),
    expected: JSON.parse(
      fillFixture(readFileSync(path.join(dir, f.replace(/\.eml$/, ".expected.json")), "utf8"), values),
    ),
  }));

describe("every fixture message is classified as its expected file says", () => {
  it("has the fixtures the brief lists, each with an expectation", () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        "gmail-reply",
        "outlook-out-of-office",
        "postfix-dsn",
        "exchange-dsn",
        "yahoo-arf-complaint",
        "tampered-tag-reply",
        "outlook-reply-references",
      ]),
    );
  });

  for (const fixture of fixtures) {
    it(`${fixture.name}: ${fixture.expected.classification}`, async () => {
      const msg = await readInboundMessage(new TextEncoder().encode(fixture.raw));
      const c = classifyInbound(msg);
      expect(c.kind).toBe(fixture.expected.classification);
      if (fixture.expected.details) expect(classificationDetails(c)).toMatchObject(fixture.expected.details);
      if (fixture.expected.new_text !== undefined) {
        expect("newText" in c ? c.newText.replaceAll("\r\n", "\n") : null).toBe(fixture.expected.new_text);
      }
      // What the Worker matches on: the sent Message-ID is among the ids the message refers to.
      if (["returned_message_id", "in_reply_to", "references"].includes(fixture.expected.match)) {
        const refs = referencedMessageIds(msg, c);
        expect(refs).toContainEqual({ id: values.message_id, via: fixture.expected.match });
        // A returned Message-ID or In-Reply-To is the first thing the Worker looks up.
        if (fixture.expected.match !== "references") expect(refs[0]?.id).toBe(values.message_id);
      }
    });
  }
});
