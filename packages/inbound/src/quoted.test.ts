import { describe, expect, it } from "vitest";
import { stripQuotedText } from "./quoted";

describe("stripQuotedText keeps only what the sender wrote above the quote", () => {
  it("cuts at a Gmail attribution, also when wrapped over two lines", () => {
    expect(
      stripQuotedText("Sounds good.\n\nOn Tue, Mar 2, 2027 at 10:00 AM Sam <s@a.test> wrote:\n> Hi"),
    ).toBe("Sounds good.");
    expect(
      stripQuotedText("Sounds good.\n\nOn Tue, Mar 2, 2027 at 10:00 AM Sam <s@a.test>\nwrote:\n\n> Hi"),
    ).toBe("Sounds good.");
  });

  it("cuts at German, French and Spanish attributions", () => {
    expect(
      stripQuotedText("Gerne.\n\nAm Di., 2. März 2027 um 10:00 Uhr schrieb Sam <s@a.test>:\n> Hallo"),
    ).toBe("Gerne.");
    expect(
      stripQuotedText("Avec plaisir.\n\nLe mar. 2 mars 2027 à 10:00, Sam <s@a.test> a écrit :\n> Bonjour"),
    ).toBe("Avec plaisir.");
    expect(
      stripQuotedText("Claro.\n\nEl mar, 2 mar 2027 a las 10:00, Sam (<s@a.test>) escribió:\n> Hola"),
    ).toBe("Claro.");
  });

  it("cuts at an Outlook header block and the separator above it", () => {
    const text =
      "Yes please.\n\n________________________________\nFrom: Sam <s@a.test>\nSent: Tuesday, March 2, 2027 10:00 AM\nTo: Ada\nSubject: Hi\n\nHi Ada";
    expect(stripQuotedText(text)).toBe("Yes please.");
    expect(
      stripQuotedText("Ja.\n\nVon: Sam <s@a.test>\nGesendet: Dienstag, 2. März 2027 10:00\nAn: Ada\n\nHallo"),
    ).toBe("Ja.");
    expect(stripQuotedText("Ok\n-----Original Message-----\nFrom: Sam\nHello")).toBe("Ok");
  });

  it("drops > lines anywhere and keeps a text that has no quote", () => {
    expect(stripQuotedText("> quoted\nmine\n> more")).toBe("mine");
    expect(stripQuotedText("Just a note.\nOn Monday I can talk.")).toBe(
      "Just a note.\nOn Monday I can talk.",
    );
  });

  it("does not take a 'From:' line in the text for an Outlook block", () => {
    expect(stripQuotedText("From: the team, thanks!\nWe are in.")).toBe(
      "From: the team, thanks!\nWe are in.",
    );
  });
});
