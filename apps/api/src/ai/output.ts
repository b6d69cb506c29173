import { looksLikeHtml } from "@cadence/templating";

/** Bounds of a generated email (an approved one may be longer: see the approve route). */
export const GENERATED_SUBJECT_MAX_CHARS = 300;
export const GENERATED_BODY_MAX_CHARS = 20_000;

export type EmailOutput = { ok: true; subject: string; body: string } | { ok: false; problem: string };

/** `{{ unsubscribe_url }}` is the one tag an email may keep: composing replaces it with the lead's link. */
const UNSUBSCRIBE_TAG = /^\s*unsubscribe_url\s*$/;
const MERGE_TAG = /\{\{([^{}]*)\}\}/g;
const LIQUID_TAG = /\{%.*?%\}/s;
/** "[First Name]", "[Your Company]": a placeholder a model left for someone to fill in. */
const BRACKET_PLACEHOLDER =
  /\[(?:your|their|first|last|full|company|recipient|sender|prospect|lead|contact)(?:[ _-]?(?:name|company|title|role|email))?\]/i;

/**
 * Why a subject and body cannot be sent as they are, or null: empty, a tag or placeholder left
 * unfilled, a subject on several lines. Lengths are the caller's (generated and approved differ).
 */
export function emailContentProblem(subject: string, body: string): string | null {
  if (!subject.trim()) return "the subject is empty";
  if (!body.trim()) return "the body is empty";
  if (/[\r\n]/.test(subject)) return "the subject spans several lines";
  for (const [field, text] of [
    ["subject", subject],
    ["body", body],
  ] as const) {
    for (const match of text.matchAll(MERGE_TAG)) {
      if (!UNSUBSCRIBE_TAG.test(match[1] ?? ""))
        return `the ${field} has an unrendered merge tag ${match[0]}`;
    }
    const liquid = LIQUID_TAG.exec(text);
    if (liquid) return `the ${field} has a template tag ${liquid[0].slice(0, 40)}`;
    const placeholder = BRACKET_PLACEHOLDER.exec(text);
    if (placeholder) return `the ${field} has an unfilled placeholder ${placeholder[0]}`;
  }
  return null;
}

/** The first JSON object in a text: models without a JSON mode often wrap it in prose or a code fence. */
function extractJsonObject(content: string): unknown {
  const trimmed = content.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    // Fall through: look for an object inside.
  }
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed)?.[1];
  const candidate =
    fenced ??
    (trimmed.includes("{") ? trimmed.slice(trimmed.indexOf("{"), trimmed.lastIndexOf("}") + 1) : "");
  if (!candidate) return undefined;
  try {
    return JSON.parse(candidate);
  } catch {
    return undefined;
  }
}

/**
 * Reads a model's answer: a JSON object `{"subject", "body"}`, checked before anything can be stored
 * or sent. Plain text only: the composing step turns it into HTML itself (escaped) when the email is
 * HTML.
 */
export function parseEmailOutput(content: string): EmailOutput {
  if (!content.trim()) return { ok: false, problem: "the answer is empty" };
  const parsed = extractJsonObject(content);
  if (parsed === undefined) return { ok: false, problem: "the answer is not a JSON object" };
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    return { ok: false, problem: "the answer is not a JSON object" };
  const { subject, body } = parsed as { subject?: unknown; body?: unknown };
  if (typeof subject !== "string" || typeof body !== "string")
    return { ok: false, problem: 'the answer lacks string "subject" and "body" fields' };
  const cleanSubject = subject.replace(/\s*[\r\n]+\s*/g, " ").trim();
  const cleanBody = body.replace(/\r\n?/g, "\n").trim();
  const problem = emailContentProblem(cleanSubject, cleanBody);
  if (problem) return { ok: false, problem };
  if (cleanSubject.length > GENERATED_SUBJECT_MAX_CHARS)
    return { ok: false, problem: `the subject is longer than ${GENERATED_SUBJECT_MAX_CHARS} characters` };
  if (cleanBody.length > GENERATED_BODY_MAX_CHARS)
    return { ok: false, problem: `the body is longer than ${GENERATED_BODY_MAX_CHARS} characters` };
  if (looksLikeHtml(cleanBody)) return { ok: false, problem: "the body is HTML; plain text was asked for" };
  return { ok: true, subject: cleanSubject, body: cleanBody };
}
