import { describe, expect, it } from "vitest";
import {
  renderTemplate,
  renderText,
  TEMPLATE_LIMITS,
  TemplateRenderError,
  TemplateSyntaxError,
} from "./index";

const seed = "campaign-1:lead-1:0";
const text = (source: string, data: Record<string, string> = {}, html = false) =>
  renderText(source, data, { seed, html });

describe("merge fields", () => {
  it("renders fields with and without spaces inside the braces", () => {
    expect(text("{{first_name}} / {{ first_name }} / {{-first_name-}}", { first_name: "Ada" }).text).toBe(
      "Ada / Ada /Ada",
    );
  });

  it("uses the default when the field is missing or empty", () => {
    const source = 'Hi {{ first_name | default: "there" }}!';
    expect(text(source, {}).text).toBe("Hi there!");
    expect(text(source, { first_name: "" }).text).toBe("Hi there!");
    expect(text(source, { first_name: "Ada" }).text).toBe("Hi Ada!");
  });

  it("renders a missing field as empty and reports it by name", () => {
    const result = text("Hi {{ first_name }} from {{ company }}", { company: "Acme" });
    expect(result.text).toBe("Hi  from Acme");
    expect(result.missingFields).toEqual(["first_name"]);
  });

  it("reports empty strings as missing", () => {
    expect(text("{{ company }}", { company: "" }).missingFields).toEqual(["company"]);
  });

  it("deduplicates missing fields in first-appearance order", () => {
    const result = renderTemplate(
      { subject: "{{ company }} {{ title }}", body: "{{ title }} {{ first_name }} {{ company }}" },
      {},
      { seed },
    );
    expect(result.missingFields).toEqual(["company", "title", "first_name"]);
  });

  it("does not report fields that have a default", () => {
    const result = text('{{ a | default: "x" }} {{ b | upcase | default: "y" }} {{ c | default: d }}', {});
    expect(result.text).toBe("x y ");
    expect(result.missingFields).toEqual([]);
  });

  it("reports fields used in filters and filter arguments", () => {
    expect(text("{{ first_name | append: last_name | upcase }}", { first_name: "a" }).missingFields).toEqual([
      "last_name",
    ]);
  });

  it("does not report fields inside a conditional that did not run", () => {
    const source = "{% if company %}at {{ company }}{% endif %}{% if vip %}{{ first_name }}{% endif %}";
    expect(text(source, {}).missingFields).toEqual([]);
    expect(text(source, { vip: "yes" }).missingFields).toEqual(["first_name"]);
  });

  it("treats empty values as absent in conditions", () => {
    const source = "{% if title %}[{{ title }}]{% else %}none{% endif %}";
    expect(text(source, { title: "" }).text).toBe("none");
    expect(text(source, { title: "CTO" }).text).toBe("[CTO]");
  });

  it("does not report local variables", () => {
    const result = text('{% assign greeting = first_name | default: "there" %}Hi {{ greeting }}', {});
    expect(result).toEqual({ text: "Hi there", missingFields: [] });
  });

  it("makes headers available under their normalised name", () => {
    const data = { "First Name": "Ada", "Job Title": "CTO", "E-mail": "ada@example.com" };
    expect(text("{{ first_name }} {{ job_title }} {{ e_mail }}", data).text).toBe("Ada CTO ada@example.com");
  });

  it("prefers an exact column over a normalised alias", () => {
    expect(text("{{ first_name }}", { "First Name": "alias", first_name: "exact" }).text).toBe("exact");
  });

  it("supports bracket access to a raw header", () => {
    expect(text('{{ ["Job Title"] }}', { "Job Title": "CTO" }).text).toBe("CTO");
  });

  it("stringifies numbers and ignores objects passed as values", () => {
    const data = { n: 3, b: true, o: { x: 1 } } as unknown as Record<string, string>;
    expect(text("{{ n }} {{ b }} [{{ o }}] [{{ o.x }}]", data).text).toBe("3 true [] []");
  });
});

describe("reserved fields", () => {
  it("renders reserved values the caller passes", () => {
    const result = renderText(
      "{{ sender_name }}: {{ unsubscribe_url }}",
      {},
      {
        seed,
        reserved: { sender_name: "Ada", unsubscribe_url: "https://u.example/x" },
      },
    );
    expect(result).toEqual({ text: "Ada: https://u.example/x", missingFields: [] });
  });

  it("never takes reserved names from row data", () => {
    const data = {
      unsubscribe_url: "https://evil.example",
      "Unsubscribe URL": "https://evil.example",
      sender_x: "x",
    };
    const result = renderText("[{{ unsubscribe_url }}][{{ sender_x }}]", data, { seed });
    expect(result.text).toBe("[][]");
    expect(result.missingFields).toEqual(["unsubscribe_url", "sender_x"]);
    const withReserved = renderText("{{ unsubscribe_url }}", data, {
      seed,
      reserved: { unsubscribe_url: "https://u.example" },
    });
    expect(withReserved.text).toBe("https://u.example");
  });

  it("reserved values override row data of the same name", () => {
    const result = renderText("{{ company }}", { company: "row" }, { seed, reserved: { company: "caller" } });
    expect(result.text).toBe("caller");
  });
});

describe("HTML escaping", () => {
  const evil = "<script>alert(\"x\")</script> & 'quoted'";

  it("escapes merge values in an HTML body", () => {
    const result = renderTemplate(
      { subject: "Hi {{ first_name }}", body: "<p>Hi {{ first_name }}</p>" },
      { first_name: evil },
      { seed, html: true },
    );
    expect(result.body).toBe(
      "<p>Hi &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quoted&#39;</p>",
    );
    expect(result.subject).toBe(`Hi ${evil}`);
  });

  it("does not escape a plain-text body", () => {
    const result = renderTemplate(
      { subject: "s", body: "Hi {{ first_name }}" },
      { first_name: evil },
      {
        seed,
        html: false,
      },
    );
    expect(result.body).toBe(`Hi ${evil}`);
  });

  it("detects HTML bodies when `html` is not given", () => {
    const data = { first_name: "<b>" };
    expect(renderTemplate({ subject: "", body: "<p>{{ first_name }}</p>" }, data, { seed }).body).toBe(
      "<p>&lt;b&gt;</p>",
    );
    expect(renderTemplate({ subject: "", body: "Hi {{ first_name }}" }, data, { seed }).body).toBe("Hi <b>");
  });

  it("escapes defaults, literals and reserved values too", () => {
    const result = renderTemplate(
      { subject: "", body: '<a href="{{ unsubscribe_url }}">{{ x | default: "<none>" }}</a>' },
      {},
      { seed, html: true, reserved: { unsubscribe_url: "https://u.example/?a=1&b=2" } },
    );
    expect(result.body).toBe('<a href="https://u.example/?a=1&amp;b=2">&lt;none&gt;</a>');
  });

  it("does not let `raw` bypass escaping", () => {
    expect(text("{{ first_name | raw }}", { first_name: "<i>" }, true).text).toBe("&lt;i&gt;");
  });

  it("does not escape twice after an explicit escape filter", () => {
    expect(text("{{ a | escape }} {{ a | escape_once }}", { a: "<&>" }, true).text).toBe(
      "&lt;&amp;&gt; &lt;&amp;&gt;",
    );
  });

  it("keeps newline_to_br useful in HTML", () => {
    expect(text("{{ a | newline_to_br }}", { a: "<x>\nline" }, true).text).toBe("&lt;x&gt;<br />\nline");
  });

  it("leaves filters alone in plain text", () => {
    expect(text("{{ a | newline_to_br }} {{ a | escape }}", { a: "<x>\ny" }).text).toBe(
      "<x><br />\ny &lt;x&gt;\ny",
    );
  });

  it("escapes values printed with echo", () => {
    expect(text("{% echo a %}{% liquid echo a %}", { a: "<i>" }, true).text).toBe("&lt;i&gt;&lt;i&gt;");
  });
});

describe("subjects", () => {
  it("are a single line", () => {
    const result = renderTemplate(
      { subject: "Hello\n{{ first_name }}  \r\n", body: "" },
      { first_name: "Ada\r\nBcc: x@example.com" },
      { seed },
    );
    expect(result.subject).toBe("Hello Ada Bcc: x@example.com");
  });
});

describe("errors", () => {
  it("throws TemplateSyntaxError with the part and line for invalid Liquid", () => {
    let error: unknown;
    try {
      renderTemplate({ subject: "ok", body: "line one\nline two {{ first_name | nope }}" }, {}, { seed });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    const syntax = error as TemplateSyntaxError;
    expect(syntax.field).toBe("body");
    expect(syntax.line).toBe(2);
    expect(syntax.column).toBe(10);
    expect(syntax.code).toBe("TEMPLATE_SYNTAX_ERROR");
    expect(syntax.message).toMatch(/undefined filter: nope/);
  });

  it("maps error positions through spintax back to the source", () => {
    const source = "{a|bbbbbbbbbb}\n{x|y} {{ oops";
    for (const s of ["1", "2", "3", "4"]) {
      try {
        renderText(source, {}, { seed: s });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateSyntaxError);
        expect((error as TemplateSyntaxError).line).toBe(2);
        expect((error as TemplateSyntaxError).column).toBe(7);
      }
    }
  });

  it.each([
    ["unclosed output", "{{ first_name"],
    ["unclosed tag", "{% if a %}x"],
    ["unknown tag", "{% frobnicate %}"],
    ["unknown filter", "{{ a | frobnicate }}"],
  ])("%s is a syntax error", (_name, source) => {
    expect(() => text(source)).toThrow(TemplateSyntaxError);
  });

  it("rejects sources over the size limit", () => {
    const big = "x".repeat(TEMPLATE_LIMITS.maxSourceChars + 1);
    expect(() => renderTemplate({ subject: "s", body: big }, {}, { seed })).toThrow(TemplateSyntaxError);
    expect(() => renderTemplate({ subject: big, body: "b" }, {}, { seed })).toThrow(/subject is/);
    const limit = "x".repeat(TEMPLATE_LIMITS.maxSourceChars);
    expect(renderTemplate({ subject: "s", body: limit }, {}, { seed }).body).toBe(limit);
  });

  it("stops a render that exceeds the memory budget with TemplateRenderError", () => {
    // Each output of a long value counts; 30 prints of 100k characters exceed the 2M budget.
    const source = "{{ a }}".repeat(30);
    let error: unknown;
    try {
      renderTemplate({ subject: "", body: source }, { a: "x".repeat(100_000) }, { seed });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect((error as TemplateRenderError).field).toBe("body");
    expect((error as TemplateRenderError).message).toMatch(/memory alloc limit exceeded/);
  });

  it("does not fail on data that URL filters cannot handle", () => {
    const data = { a: "100%", b: "lone \uD800 surrogate" };
    expect(text("{{ a | url_decode }}|{{ b | url_encode }}|{{ b | cgi_escape }}", data).text).toBe(
      "100%|lone \uD800 surrogate|lone \uD800 surrogate",
    );
  });

  it("bounds filter-driven growth", () => {
    const source = `{% assign s = "xxxxxxxxxx" %}${"{% assign s = s | append: s %}".repeat(40)}{{ s | size }}`;
    expect(() => text(source)).toThrow(TemplateRenderError);
  });
});
