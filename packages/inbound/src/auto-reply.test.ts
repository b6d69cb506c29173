import { describe, expect, it } from "vitest";
import { autoReplySignal } from "./auto-reply";

const headers = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), [v]]));

describe("autoReplySignal", () => {
  it("reads the RFC 3834 and vendor headers", () => {
    expect(autoReplySignal(headers({ "Auto-Submitted": "auto-replied" }), "Re: hi")).toBe(
      "auto-submitted: auto-replied",
    );
    expect(autoReplySignal(headers({ "X-Autoreply": "yes" }), "Re: hi")).toBe("x-autoreply: yes");
    expect(autoReplySignal(headers({ "X-Autorespond": "" }), "Re: hi")).toBe("x-autorespond: (empty)");
    expect(autoReplySignal(headers({ "X-Auto-Response-Suppress": "All" }), "Re: hi")).toBe(
      "x-auto-response-suppress: all",
    );
    for (const p of ["auto_reply", "bulk", "junk"])
      expect(autoReplySignal(headers({ Precedence: p }), "Re: hi")).toBe(`precedence: ${p}`);
  });

  it("takes Auto-Submitted: no and Precedence: list as a person's message", () => {
    expect(autoReplySignal(headers({ "Auto-Submitted": "no", Precedence: "list" }), "Re: hi")).toBeNull();
  });

  it("knows the out-of-office subjects in four languages", () => {
    for (const subject of [
      "Automatic reply: Hello Ada",
      "Out of Office: Hello",
      "Autoreply: Hello",
      "Abwesenheitsnotiz: Hallo",
      "Automatische Antwort: Hallo",
      "Außer Haus: Hallo",
      "Réponse automatique : Bonjour",
      "Absent du bureau",
      "Respuesta automática: Hola",
      "Fuera de la oficina: Hola",
    ])
      expect(autoReplySignal(new Map(), subject), subject).toBe("subject");
    expect(autoReplySignal(new Map(), "Re: our out of office policy")).toBeNull();
  });
});
