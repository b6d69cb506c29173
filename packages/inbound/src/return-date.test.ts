import { describe, expect, it } from "vitest";
import { extractReturnDate } from "./return-date";

const sent = Date.parse("2027-03-03T09:00:00Z"); // a Wednesday

describe("extractReturnDate resolves the stated return against the message's Date", () => {
  const cases: [string, string | null][] = [
    ["I am out of the office until Monday, March 15, 2027.", "2027-03-15"],
    ["I will be back on 03/15/2027.", "2027-03-15"],
    ["Back on the 15th of March.", "2027-03-15"],
    ["I'm away until next Tuesday.", "2027-03-09"],
    ["I am on leave from March 1 to March 15, back on March 16.", "2027-03-16"],
    ["Ich bin bis zum 15.03.2027 nicht im Büro.", "2027-03-15"],
    ["Ab dem 15. März bin ich wieder erreichbar.", "2027-03-15"],
    ["Je serai de retour le 15 mars 2027.", "2027-03-15"],
    ["Absent jusqu'au lundi 15 mars.", "2027-03-15"],
    ["Estaré fuera de la oficina hasta el 15 de marzo de 2027.", "2027-03-15"],
    ["Regresaré el lunes 15 de marzo.", "2027-03-15"],
    // January after a March message: the next January.
    ["Back on January 10.", "2028-01-10"],
    // No return cue, or a date in the past, or absurdly far: nothing.
    ["Thanks for your email about the March 15 event.", null],
    ["I was back on March 1, 2027.", null],
    ["I'm on sabbatical until 2031.", null],
  ];
  for (const [text, expected] of cases) it(text, () => expect(extractReturnDate(text, sent)).toBe(expected));
});
