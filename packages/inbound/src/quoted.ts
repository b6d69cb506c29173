/**
 * The new text of a reply: what the sender wrote above the quoted original. Cuts at the first
 * attribution line ("On ... wrote:" and its German, French and Spanish forms, possibly wrapped over two
 * lines), an "Original Message" separator, or an Outlook header block ("From:" followed within a few
 * lines by "Sent:"/"Date:"); drops `>` lines anywhere. Interleaved answers below a quote are lost:
 * the text above the first quote is what decides a reply's meaning.
 */

/** A whole attribution line. Bounded repetition on one line, so no pathological backtracking. */
const ATTRIBUTION: readonly RegExp[] = [
  /^On\s.{1,300}\swrote\s?:$/i,
  /^Am\s.{1,300}\sschrieb.{0,300}:$/i,
  /^Le\s.{1,300}\sa\s[ée]crit\s?:$/i,
  /^El\s.{1,300}\sescribi[óo]\s?:$/i,
  /^-{2,}\s*(Original Message|Urspr[üu]ngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}$/i,
];
/** The end of an attribution that a client wrapped onto its own line. */
const ATTRIBUTION_TAIL = /^(.{0,120}\s)?(wrote|schrieb|a\s[ée]crit|escribi[óo])\b.{0,120}:$/i;
const OUTLOOK_FROM = /^\*?(From|Von|De)\s?:\*?\s+\S/i;
const OUTLOOK_SENT = /^\*?(Sent|Date|Gesendet|Datum|Envoy[ée]|Enviado|Fecha)\s?:\*?\s+\S/i;
/** Separator lines Outlook puts above its header block. */
const SEPARATOR = /^(_{8,}|-{8,})$/;

function isAttribution(line: string, next: string | undefined): boolean {
  if (ATTRIBUTION.some((re) => re.test(line))) return true;
  if (next === undefined || !ATTRIBUTION_TAIL.test(next) || ATTRIBUTION.some((re) => re.test(next)))
    return false;
  const joined = `${line} ${next}`;
  return ATTRIBUTION.some((re) => re.test(joined));
}

function isOutlookBlock(lines: string[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i]!)) return false;
  for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) if (OUTLOOK_SENT.test(lines[j]!)) return true;
  return false;
}

/** Replies longer than this are cut here before looking for quotes: the new text comes first. */
const MAX_TEXT = 64 * 1024;

export function stripQuotedText(text: string): string {
  const lines = text.slice(0, MAX_TEXT).replace(/\r\n?/g, "\n").split("\n");
  const trimmed = lines.map((l) => l.trim());
  let end = lines.length;
  for (let i = 0; i < trimmed.length; i++) {
    const line = trimmed[i]!;
    if (line === "") continue;
    if (isAttribution(line, trimmed[i + 1]) || isOutlookBlock(trimmed, i)) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((l) => !/^\s*>/.test(l));
  // A separator line left just above the cut belongs to the quote.
  while (kept.length && (kept.at(-1)!.trim() === "" || SEPARATOR.test(kept.at(-1)!.trim()))) kept.pop();
  return kept
    .map((l) => l.trimEnd())
    .join("\n")
    .trim();
}
