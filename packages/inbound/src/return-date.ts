import type { Chrono, ParsedResult } from "chrono-node";
import * as de from "chrono-node/de";
import * as en from "chrono-node/en";
import * as es from "chrono-node/es";
import * as fr from "chrono-node/fr";

/**
 * The date an out-of-office says its author is back, as a calendar date (YYYY-MM-DD), or null. Only
 * sentences that speak of coming back or of an absence that ends ("back on", "until", "bis", "wieder",
 * "de retour", "jusqu'au", "hasta", "regreso"...) are read, each with the date parser of its
 * language (chrono-node), relative to the message's own Date so "Monday" or "15 March" resolve
 * forward from when the message was written. Of several dates the latest wins ("away from the 1st to
 * the 15th, back on the 16th"); a range counts by its end. A date before the message or more than a
 * year after it is ignored.
 */

interface Cue {
  parser: Chrono;
  pattern: RegExp;
}

const CUES: readonly Cue[] = [
  {
    parser: de.casual,
    pattern:
      /\b(zur[üu]ck|wieder|bis( zum| einschlie(ß|ss)lich)?|ab dem|ab|r[üu]ckkehr|abwesend|urlaub|nicht im b[üu]ro)\b/i,
  },
  {
    parser: fr.casual,
    pattern: /(de retour|retour|jusqu'(au|à|a)|reviendrai|rentre|absente?|cong[ée])/i,
  },
  {
    parser: es.casual,
    pattern: /(regres|volver[ée]|vuelvo|de vuelta|hasta|retorno|fuera de la oficina|ausente|vacaciones)/i,
  },
  {
    parser: en.casual,
    pattern:
      /\b(back|return|returning|until|till|through|thru|out of (the )?office|away|vacation|holiday|leave)\b/i,
  },
];

const MAX_AHEAD_MS = 366 * 86_400_000;

function calendarDate(r: ParsedResult): { key: string; at: number } | null {
  const c = r.end ?? r.start;
  const year = c.get("year");
  const month = c.get("month");
  const day = c.get("day");
  if (!year || !month || !day) return null;
  const key = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { key, at: Date.UTC(year, month - 1, day) };
}

export function extractReturnDate(text: string, reference: number): string | null {
  const instant = new Date(reference);
  const today = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  const sentences = text
    .slice(0, 4_000)
    // Sentence ends, but not the dot of a German ordinal ("15. März").
    .split(/(?<=\D[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length < 500);
  let best: { key: string; at: number } | null = null;
  for (const sentence of sentences) {
    for (const cue of CUES) {
      if (!cue.pattern.test(sentence)) continue;
      const results = cue.parser.parse(sentence, { instant, timezone: 0 }, { forwardDate: true });
      for (const r of results) {
        const date = calendarDate(r);
        if (!date || date.at < today || date.at > today + MAX_AHEAD_MS) continue;
        if (!best || date.at > best.at) best = date;
      }
      if (results.length > 0) break;
    }
  }
  return best?.key ?? null;
}
