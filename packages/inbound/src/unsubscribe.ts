/**
 * Conservative detection of a reply that asks to stop: explicit phrases only, in English, German,
 * French and Spanish, looked for in the new text of the reply (never in the quoted original, which
 * carries our own unsubscribe link). Text is folded first (lower case, accents removed, one space),
 * so the patterns are plain ASCII. A phrase just after a negation ("don't", "nicht", "pas", "no") is
 * ignored.
 */
const PHRASES: readonly RegExp[] = [
  // The whole reply is one word.
  /^(unsubscribe|stop|remove( me)?|opt[ -]?out|abmelden|austragen|desabonner|desinscription|desinscrire|baja|darme de baja)[.! ]*$/,
  // English
  /\b(please )?(unsubscribe|remove|delete) me\b/,
  /\bremove (me|my (e-?mail|address|e-?mail address)) from\b/,
  /\btake me off\b/,
  /\bopt me out\b/,
  /\b(i )?(want|would like|wish|need) to (unsubscribe|opt[ -]?out|be removed)\b/,
  /\bplease unsubscribe\b/,
  /\b(stop|quit) (e-?mailing|contacting|messaging|spamming|writing to|sending (me|us))\b/,
  /\b(do not|don't|dont|never) (e-?mail|contact|message|write to) (me|us)\b/,
  // German
  /\b(bitte )?(melden|tragen) sie mich .{0,40}\b(ab|aus)\b/,
  /\bentfernen sie mich\b/,
  /\bich (mochte|will|mochte mich) .{0,20}\b(abmelden|austragen)\b/,
  /\bkeine (weiteren )?(e-?mails|mails|nachrichten|werbung) mehr\b/,
  /\b(kontaktieren|schreiben|anschreiben) sie mich (bitte )?nicht mehr\b/,
  /\bnicht mehr (kontaktieren|anschreiben|anmailen)\b/,
  // French
  /\b(desabonn|desinscri|retir|supprim|enlev)(er|ez)[- ]moi\b/,
  /\bje (veux|souhaite|voudrais|souhaiterais) (me desabonner|me desinscrire|etre retire)\b/,
  /\bne (plus )?me (contactez|ecrivez|envoyez|contacter|ecrire|envoyer) (plus|rien)\b/,
  /\bne plus me (contacter|ecrire|envoyer)\b/,
  // Spanish
  /\b(den|deme|denme|darme|dame) de baja\b/,
  /\bquiero (darme de baja|que me (eliminen|borren|quiten))\b/,
  /\b(eliminenme|eliminarme|borrenme|quitenme|saquenme|sacarme)\b.{0,40}\blista\b/,
  /\bno me (vuelvan a )?(escriban|contacten|envien|escribas|contactes|envies|escribir|contactar|enviar)\b/,
  /\bcancelar (la |mi )?suscripcion\b/,
];

/** A negation up to two words before the phrase, in the same clause. */
const NEGATION = /\b(not|don't|dont|never|nicht|kein|keine|pas|no)\s+([^\s.!?;,]+\s+){0,2}$/;

function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The phrase that asks to stop, as found in the folded text, or null. */
export function unsubscribePhrase(newText: string): string | null {
  const text = fold(newText.slice(0, 8_000));
  if (text === "") return null;
  for (const re of PHRASES) {
    const m = re.exec(text);
    if (!m) continue;
    // "do not contact me" starts with its own negation; otherwise a negation just before cancels it.
    if (!/^(do not|don't|dont|never|no |ne )/.test(m[0]) && NEGATION.test(text.slice(0, m.index))) continue;
    return m[0].trim();
  }
  return null;
}
