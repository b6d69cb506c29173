import { describe, expect, it } from "vitest";
import { emailContentProblem, GENERATED_BODY_MAX_CHARS, parseEmailOutput } from "./output";

const email = (subject: string, body: string) => JSON.stringify({ subject, body });

describe("parseEmailOutput", () => {
  it("reads a JSON object, also inside prose or a code fence", () => {
    expect(parseEmailOutput(email("Hi Ada", "Hello Ada."))).toEqual({
      ok: true,
      subject: "Hi Ada",
      body: "Hello Ada.",
    });
    expect(parseEmailOutput(`Here it is:\n\`\`\`json\n${email("Hi", "Body")}\n\`\`\``)).toMatchObject({
      ok: true,
    });
    expect(parseEmailOutput(`Sure! ${email("Hi", "Body")} Hope it helps.`)).toMatchObject({ ok: true });
  });

  it("cleans a subject onto one line and normalizes line ends", () => {
    expect(parseEmailOutput(email(" Hi\n Ada ", "Line 1\r\nLine 2\n"))).toEqual({
      ok: true,
      subject: "Hi Ada",
      body: "Line 1\nLine 2",
    });
  });

  it.each([
    ["", "the answer is empty"],
    ["not json at all", "not a JSON object"],
    ['{"subject": "Hi", "body": ', "not a JSON object"],
    ["[1, 2]", "not a JSON object"],
    ["{}", 'lacks string "subject" and "body"'],
    [email("", "Body"), "the subject is empty"],
    [email("Hi", "  "), "the body is empty"],
    [email("Hi {{first_name}}", "Body"), "unrendered merge tag {{first_name}}"],
    [email("Hi", "Dear {{ company | default: 'you' }}"), "unrendered merge tag"],
    [email("Hi", "{% if x %}yes{% endif %}"), "template tag"],
    [email("Hi", "Best,\n[Your Name]"), "unfilled placeholder [Your Name]"],
    [email("Hi", "<p>Hello</p>"), "the body is HTML"],
    [email("x".repeat(301), "Body"), "subject is longer than 300"],
    [email("Hi", "x".repeat(GENERATED_BODY_MAX_CHARS + 1)), "body is longer than"],
  ])("refuses %j: %s", (content, problem) => {
    const out = parseEmailOutput(content);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problem).toContain(problem);
  });

  it("keeps the unsubscribe tag for composing to fill", () => {
    expect(parseEmailOutput(email("Hi", "Bye.\n\nUnsubscribe: {{ unsubscribe_url }}"))).toMatchObject({
      ok: true,
    });
    expect(emailContentProblem("Hi", "{{unsubscribe_url}}")).toBeNull();
  });
});
