import { describe, expect, it } from "vitest";
import {
  hasUnsubscribeLink,
  isReservedField,
  normalizeFieldName,
  referencedFields,
  renderText,
  TemplateSyntaxError,
  validateTemplate,
} from "./index";

describe("normalizeFieldName", () => {
  it.each([
    ["first_name", "first_name"],
    ["First Name", "first_name"],
    ["E-mail", "e_mail"],
    ["Email", "email"],
    ["  Job Title (2) ", "job_title_2"],
    ["LinkedIn URL", "linkedin_url"],
    ["company.name", "company_name"],
    ["a -- b", "a_b"],
    ["__private__", "private"],
    ["2nd Email", "2nd_email"],
    ["Prénom", "prénom"],
    ["ＦＵＬＬ Width", "full_width"],
    ["名前", "名前"],
    ["👋 Hello", "hello"],
    ["!!!", ""],
    ["", ""],
  ])("%j -> %j", (header, expected) => {
    expect(normalizeFieldName(header)).toBe(expected);
  });

  it("is idempotent", () => {
    for (const header of ["First Name", "E-mail", " Job Title (2) ", "Prénom"]) {
      const once = normalizeFieldName(header);
      expect(normalizeFieldName(once)).toBe(once);
    }
  });

  it("gives names templates can use", () => {
    for (const header of ["First Name", "2nd Email", "Prénom", "Job Title (2)"]) {
      const key = normalizeFieldName(header);
      expect(renderText(`{{ ${key} }}`, { [header]: "v" }, { seed: "s" }).text).toBe("v");
    }
  });
});

describe("isReservedField", () => {
  it("covers unsubscribe_url and sender_*", () => {
    expect(isReservedField("unsubscribe_url")).toBe(true);
    expect(isReservedField("sender_name")).toBe(true);
    expect(isReservedField("first_name")).toBe(false);
    expect(isReservedField("sender")).toBe(false);
  });
});

describe("referencedFields", () => {
  it("splits fields with and without a default", () => {
    expect(referencedFields('Hi {{ first_name | default: "there" }} from {{ company }}')).toEqual({
      required: ["company"],
      optional: ["first_name"],
    });
  });

  it("counts every spintax option", () => {
    expect(
      referencedFields("{Hi {{ first_name }}|Hello {{ last_name | default: 'x' }}} {{ company }}"),
    ).toEqual({
      required: ["first_name", "company"],
      optional: ["last_name"],
    });
  });

  it("treats a field printed under a guard on itself as optional", () => {
    expect(
      referencedFields("{% if title %}({{ title }}){% endif %}{% unless city %}{{ city }}{% endunless %}"),
    ).toEqual({ required: [], optional: ["title", "city"] });
  });

  it("keeps fields printed under other conditions required", () => {
    expect(referencedFields("{% if vip %}{{ first_name }}{% endif %}")).toEqual({
      required: ["first_name"],
      optional: ["vip"],
    });
  });

  it("excludes locals and lists a field once, required winning", () => {
    expect(referencedFields("{% assign x = a | default: 'y' %}{{ x }}{{ b | default: 'z' }}{{ b }}")).toEqual(
      {
        required: ["b"],
        optional: ["a"],
      },
    );
  });

  it("includes reserved fields", () => {
    expect(referencedFields("{{ unsubscribe_url }} {{ sender_name | default: 'me' }}")).toEqual({
      required: ["unsubscribe_url"],
      optional: ["sender_name"],
    });
  });

  it("throws TemplateSyntaxError for an invalid template", () => {
    expect(() => referencedFields("{{ a | nope }}")).toThrow(TemplateSyntaxError);
  });
});

describe("validateTemplate", () => {
  it("returns the row fields that need a value, subject first, without reserved ones", () => {
    expect(
      validateTemplate({
        subject: "{Quick question|Idea} for {{ company }}",
        body: '<p>Hi {{ first_name | default: "there" }}, {{ company }} / {{ title }}</p>{{ unsubscribe_url }}',
      }),
    ).toEqual({ ok: true, fields: ["company", "title"] });
  });

  it("reports the failing part with a line number", () => {
    expect(validateTemplate({ subject: "ok", body: "one\ntwo {% if %}" })).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid value expression.*\(line 2, column \d+\)$/),
      field: "body",
    });
    expect(validateTemplate({ subject: "{{ oops", body: "ok" })).toMatchObject({
      ok: false,
      field: "subject",
    });
  });

  it("requires each spintax option to be a complete template", () => {
    const result = validateTemplate({ subject: "", body: "{x|{% if a %}y|z}" });
    expect(result).toMatchObject({ ok: false, field: "body" });
    if (!result.ok) expect(result.error).toMatch(/spintax option 2 of group 1 is not a complete template/);
  });

  it("rejects a Liquid block that spans a spintax boundary", () => {
    const result = validateTemplate({ subject: "", body: "{% if a %}{x|y{% endif %}|z}" });
    expect(result).toMatchObject({ ok: false, field: "body" });
    if (!result.ok)
      expect(result.error).toMatch(/^the text outside spintax groups is not a complete template/);
  });

  it("rejects sources over the size limit", () => {
    expect(validateTemplate({ subject: "", body: "x".repeat(100_001) })).toMatchObject({
      ok: false,
      field: "body",
    });
  });

  it("is stable when called twice (cached)", () => {
    const content = { subject: "{{ a }}", body: "{{ a | nope }}" };
    expect(validateTemplate(content)).toEqual(validateTemplate(content));
  });
});

describe("hasUnsubscribeLink", () => {
  it("finds {{ unsubscribe_url }} in the body", () => {
    expect(hasUnsubscribeLink({ subject: "", body: '<a href="{{ unsubscribe_url }}">Unsubscribe</a>' })).toBe(
      true,
    );
    expect(hasUnsubscribeLink({ subject: "", body: "Stop: {{unsubscribe_url}}" })).toBe(true);
    expect(hasUnsubscribeLink({ subject: "", body: "{{ unsubscribe_url | default: 'x' }}" })).toBe(true);
  });

  it("ignores the subject, plain text and other fields", () => {
    expect(hasUnsubscribeLink({ subject: "{{ unsubscribe_url }}", body: "no link" })).toBe(false);
    expect(hasUnsubscribeLink({ subject: "", body: "unsubscribe_url {{ unsubscribe }}" })).toBe(false);
    expect(hasUnsubscribeLink({ subject: "", body: "{% if unsubscribe_url %}yes{% endif %}" })).toBe(false);
    expect(hasUnsubscribeLink({ subject: "", body: "{% raw %}{{ unsubscribe_url }}{% endraw %}" })).toBe(
      false,
    );
    expect(
      hasUnsubscribeLink({ subject: "", body: "{% comment %}{{ unsubscribe_url }}{% endcomment %}" }),
    ).toBe(false);
  });

  it("requires the link in every spintax variant", () => {
    expect(hasUnsubscribeLink({ subject: "", body: "{Bye {{ unsubscribe_url }}|Ciao}" })).toBe(false);
    expect(
      hasUnsubscribeLink({ subject: "", body: "{Bye {{ unsubscribe_url }}|Ciao {x|{{ unsubscribe_url }}}}" }),
    ).toBe(false);
    expect(
      hasUnsubscribeLink({ subject: "", body: "{Bye {{ unsubscribe_url }}|Ciao {{{ unsubscribe_url }}|y}}" }),
    ).toBe(false);
    expect(
      hasUnsubscribeLink({ subject: "", body: "{Bye|Ciao} {x {{ unsubscribe_url }}|y {{unsubscribe_url}}}" }),
    ).toBe(true);
  });

  it("is false for an invalid body", () => {
    expect(hasUnsubscribeLink({ subject: "", body: "{{ unsubscribe_url | nope }}" })).toBe(false);
  });
});
