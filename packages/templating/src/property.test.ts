import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applySpintax,
  htmlToText,
  renderTemplate,
  renderText,
  TemplateRenderError,
  TemplateSyntaxError,
  validateTemplate,
} from "./index";

// Strings that exercise escaping, Liquid and spintax syntax, and arbitrary Unicode.
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ unsubscribe_url }}",
    "{% include 'x' %}",
    "{a|b}",
    "&lt;",
    "__proto__",
    "constructor",
    "",
    " ",
    "\r\n",
  ),
  fc
    .array(fc.constantFrom("<", ">", "&", '"', "'", "{", "}", "|", "%", "\n", "a", " "), { maxLength: 40 })
    .map((chars) => chars.join("")),
);

const fieldNames = fc.constantFrom(
  "first_name",
  "last_name",
  "company",
  "title",
  "city",
  "website",
  "First Name",
  "Job Title",
  "__proto__",
  "constructor",
  "unsubscribe_url",
  "sender_name",
);
const rowData = fc.dictionary(fc.oneof(fieldNames, fc.string()), nasty, { maxKeys: 12 });

const htmlTemplate = {
  subject: '{Quick question|Idea} for {{ company | default: "you" }}',
  body: `<p>{Hi|Hello} {{ first_name | default: "there" }} {{ last_name }},</p>
<p title="{{ title }}">{% if company %}I saw {{ company | upcase }}{% else %}Hello{% endif %} in {{ city }}.</p>
<a href="{{ website }}">{{ website | default: "site" }}</a> {{ job_title | truncate: 20 }}
{% assign greeting = first_name | append: "!" %}<b>{{ greeting }}</b> {% echo company %}
{{ first_name | escape }} {{ last_name | raw }} {{ city | newline_to_br }}
{{ website | url_decode }} {{ first_name | url_encode }} {{ company | strip_html | truncatewords: 3 }}
<a href="{{ unsubscribe_url }}">Unsubscribe</a>`,
};

// Every `<` and `"` the template itself writes; whatever remains after removing these came from data.
const LITERAL_MARKUP = /<\/?(?:p|a|b|br \/)(?:\s[^<>"]*(?:"[^"]*"[^<>"]*)*)?>/g;

describe("properties", () => {
  it("renderTemplate never throws for arbitrary data", () => {
    fc.assert(
      fc.property(rowData, rowData, fc.string(), fc.boolean(), (data, reserved, seed, html) => {
        const result = renderTemplate(htmlTemplate, data, { seed, html, reserved });
        expect(typeof result.subject).toBe("string");
        expect(typeof result.body).toBe("string");
        expect(result.subject).not.toMatch(/[\r\n]/);
        expect(new Set(result.missingFields).size).toBe(result.missingFields.length);
      }),
      { numRuns: 500 },
    );
  });

  it('in HTML mode, no `<` or `"` from data reaches the output unescaped', () => {
    fc.assert(
      fc.property(rowData, rowData, fc.string(), (data, reserved, seed) => {
        const { body } = renderTemplate(htmlTemplate, data, { seed, html: true, reserved });
        const withoutTemplateMarkup = body.replace(LITERAL_MARKUP, "");
        expect(withoutTemplateMarkup).not.toContain("<");
        expect(withoutTemplateMarkup).not.toContain('"');
      }),
      { numRuns: 500 },
    );
  });

  it("missingFields lists exactly the default-less printed fields that are empty", () => {
    fc.assert(
      fc.property(
        fc.record(
          { first_name: fc.constantFrom("", "Ada"), company: fc.constantFrom("", "Acme") },
          { requiredKeys: [] },
        ),
        (data) => {
          const { missingFields } = renderText("{{ first_name }} {{ company | default: 'x' }}", data, {
            seed: "s",
          });
          expect(missingFields).toEqual(data.first_name ? [] : ["first_name"]);
        },
      ),
    );
  });

  it("arbitrary template sources only ever fail with the typed errors", () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        "{",
        "}",
        "|",
        "{{",
        "}}",
        "{%",
        "%}",
        "{{ a }}",
        "{{ b | default: 'x' }}",
        "{% if a %}",
        "{% else %}",
        "{% endif %}",
        "{% raw %}",
        "{% endraw %}",
        "{% assign x = a %}",
        "<p>",
        '"',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), fc.string(), (pieces, seed) => {
        const source = pieces.join("");
        try {
          renderText(source, { a: "A", b: "B" }, { seed });
        } catch (error) {
          expect(error instanceof TemplateSyntaxError || error instanceof TemplateRenderError).toBe(true);
        }
        expect(typeof applySpintax(source, seed)).toBe("string");
      }),
      { numRuns: 1000 },
    );
  });

  it("a template that validates renders for every seed", () => {
    const piece = fc.constantFrom(
      "Hi ",
      "{",
      "}",
      "|",
      " ",
      "{{ a }}",
      "{{ b | default: 'x' }}",
      "{% if a %}",
      "{% else %}",
      "{% endif %}",
      "{% raw %}",
      "{% endraw %}",
      "{% capture c %}",
      "{% endcapture %}",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 20 }),
        fc.array(fc.string(), { minLength: 1, maxLength: 8 }),
        (pieces, seeds) => {
          const body = pieces.join("");
          fc.pre(validateTemplate({ subject: "", body }).ok);
          for (const seed of seeds) {
            expect(() => renderTemplate({ subject: "", body }, { a: "A" }, { seed })).not.toThrow();
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("applySpintax leaves text without braces unchanged", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes("{")),
        fc.string(),
        (source, seed) => {
          expect(applySpintax(source, seed)).toBe(source);
        },
      ),
    );
  });

  it("htmlToText removes every tag of well-formed markup", () => {
    const text = fc.string().filter((value) => !value.includes("<") && !value.includes("&"));
    const tag = fc.constantFrom(
      "<p>",
      "</p>",
      "<br>",
      '<a href="https://x.example">',
      "</a>",
      "<b>",
      '<div class="x">',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(text, tag), { maxLength: 30 }), (parts) => {
        expect(htmlToText(parts.join(""))).not.toContain("<");
      }),
    );
  });
});
