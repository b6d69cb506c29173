import { describe, expect, it } from "vitest";
import { renderTemplate, renderText, TemplateSyntaxError, validateTemplate } from "./index";

const seed = "s";
const render = (source: string, data: Record<string, string> = { first_name: "Ada" }) =>
  renderText(source, data, { seed }).text;

describe("what a template can reach", () => {
  it.each([
    "{{ constructor }}",
    "{{ constructor.name }}",
    "{{ __proto__ }}",
    "{{ prototype }}",
    "{{ toString }}",
    "{{ valueOf }}",
    "{{ hasOwnProperty }}",
    "{{ first_name.constructor }}",
    "{{ first_name.constructor.name }}",
    "{{ first_name.__proto__ }}",
    '{{ first_name["constructor"]["constructor"] }}',
    '{{ ["constructor"] }}',
    "{{ first_name.toString }}",
    "{{ first_name.length.constructor }}",
  ])("%s renders nothing", (source) => {
    expect(render(source)).toBe("");
  });

  it.each([
    "{{ process }}",
    "{{ process.env }}",
    "{{ globalThis }}",
    "{{ global }}",
    "{{ self }}",
    "{{ window }}",
    "{{ env }}",
    "{{ rows }}",
    "{{ data }}",
    "{{ lead }}",
    "{{ campaign }}",
  ])("%s (globals, other rows) renders nothing", (source) => {
    expect(render(source)).toBe("");
  });

  it("exposes only the row's own values", () => {
    expect(render("{{ first_name }}|{{ first_name.size }}|{{ first_name | upcase }}")).toBe("Ada|3|ADA");
  });

  it("ignores object values, so nothing nested or inherited is reachable", () => {
    const data = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": {"b": "c"}}') as Record<string, string>;
    expect(render("[{{ __proto__.polluted }}][{{ polluted }}][{{ a.b }}]", data)).toBe("[][][]");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("treats a column literally named __proto__ or constructor as data", () => {
    const data = JSON.parse('{"__proto__": "P", "constructor": "C"}') as Record<string, string>;
    expect(render("{{ __proto__ }}{{ constructor }}", data)).toBe("PC");
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it("does not let one render see another render's data", () => {
    const source = "{% assign leaked = first_name %}{{ leaked }}|{{ first_name }}";
    expect(render(source, { first_name: "Ada" })).toBe("Ada|Ada");
    expect(render("{{ leaked }}|{{ first_name }}", {})).toBe("|");
    expect(render(source, {})).toBe("|");
  });
});

describe("tags that are not available", () => {
  it.each([
    ["include", "{% include 'x' %}"],
    ["include with a variable", "{% include first_name %}"],
    ["render", "{% render 'x' %}"],
    ["layout", "{% layout 'x' %}"],
    ["block", "{% block a %}{% endblock %}"],
    ["for", "{% for i in (1..100000000) %}x{% endfor %}"],
    ["tablerow", "{% tablerow i in (1..3) %}x{% endtablerow %}"],
    ["cycle", "{% cycle 'a', 'b' %}"],
    ["include inside liquid", "{% liquid\n include 'x' %}"],
    ["for inside liquid", "{% liquid\n for i in (1..9)\n echo i\n endfor %}"],
  ])("%s is a TemplateSyntaxError, not a crash", (_name, source) => {
    expect(() => render(source)).toThrow(TemplateSyntaxError);
    const result = validateTemplate({ subject: "", body: source });
    expect(result.ok).toBe(false);
  });

  it("names the tag that is not allowed", () => {
    expect(validateTemplate({ subject: "{% include 'x' %}", body: "" })).toEqual({
      ok: false,
      error: 'tag "include" is not allowed in templates (line 1, column 1)',
      field: "subject",
    });
  });

  it("has no filters that return promises", () => {
    expect(() => render("{{ first_name | sha256 }}")).toThrow(TemplateSyntaxError);
  });
});

describe("untrusted data is never template code", () => {
  it("prints Liquid and spintax found in data verbatim", () => {
    const data = { first_name: "{{ secret }}{% include 'x' %}{a|b}" };
    const result = renderTemplate({ subject: "{{ first_name }}", body: "{{ first_name }}" }, data, {
      seed,
      html: false,
      reserved: { secret: "S" },
    });
    expect(result.subject).toBe(data.first_name);
    expect(result.body).toBe(data.first_name);
  });
});
