import { describe, expect, it } from "vitest";
import { applySpintax, renderTemplate, renderText } from "./index";
import { chooseOption, hashSeed, parseSpintax } from "./spintax";

const seeds = (n: number) => Array.from({ length: n }, (_, i) => `campaign-1:lead-${i}:0`);

function counts(values: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const value of values) map.set(value, (map.get(value) ?? 0) + 1);
  return map;
}

describe("applySpintax", () => {
  it("picks one option of a group", () => {
    for (const seed of seeds(50)) {
      expect(["Hi", "Hello", "Hey"]).toContain(applySpintax("{Hi|Hello|Hey}", seed));
    }
  });

  it("resolves nested groups", () => {
    const seen = new Set(seeds(400).map((seed) => applySpintax("{Hi {there|friend}|Hello}!", seed)));
    expect(seen).toEqual(new Set(["Hi there!", "Hi friend!", "Hello!"]));
  });

  it("is deterministic per seed", () => {
    const source = "{Hi|Hello|Hey} {a|b|c|d} {x {1|2}|y}";
    for (const seed of seeds(100)) {
      expect(applySpintax(source, seed)).toBe(applySpintax(source, seed));
    }
    // Pinned: changing the hash would change what in-flight campaigns send after their preview.
    expect(applySpintax(source, "fixed-seed")).toBe("Hey b y");
  });

  it("spreads choices evenly across seeds", () => {
    const n = 6000;
    const result = counts(seeds(n).map((seed) => applySpintax("{a|b|c}", seed)));
    expect([...result.keys()].sort()).toEqual(["a", "b", "c"]);
    for (const count of result.values()) expect(Math.abs(count - n / 3)).toBeLessThan(n * 0.03);
  });

  it("chooses groups independently of each other", () => {
    const n = 9000;
    const pairs = counts(seeds(n).map((seed) => applySpintax("{a|b|c}{x|y|z}", seed)));
    expect(pairs.size).toBe(9);
    // Each of the 9 combinations should get about n/9; a dependency would starve some of them.
    let chiSquare = 0;
    for (const count of pairs.values()) chiSquare += (count - n / 9) ** 2 / (n / 9);
    expect(chiSquare).toBeLessThan(26.1); // 8 degrees of freedom, p = 0.001
  });

  it("gives identical groups at different positions different choices", () => {
    const variants = seeds(200).map((seed) => applySpintax("{a|b}{a|b}", seed));
    expect(new Set(variants)).toEqual(new Set(["aa", "ab", "ba", "bb"]));
  });

  it("keeps braces without a bar at their level as literal text", () => {
    expect(applySpintax("{literal} and {x}", "s")).toBe("{literal} and {x}");
    expect(applySpintax("a } b { c", "s")).toBe("a } b { c");
    expect(applySpintax("{unclosed|group", "s")).toBe("{unclosed|group");
    expect(applySpintax("x | y", "s")).toBe("x | y");
    expect(applySpintax("{}", "s")).toBe("{}");
    expect(applySpintax("css { color: red; }", "s")).toBe("css { color: red; }");
  });

  it("spins groups inside literal braces", () => {
    for (const seed of seeds(20)) expect(["{x a y}", "{x b y}"]).toContain(applySpintax("{x {a|b} y}", seed));
  });

  it("allows empty options", () => {
    const seen = new Set(seeds(100).map((seed) => applySpintax("Hi{| there}!", seed)));
    expect(seen).toEqual(new Set(["Hi!", "Hi there!"]));
  });

  it("never splits Liquid markup", () => {
    const source = '{{ first_name | default: "there" }} {% if a or b %}{x|y}{% endif %} {{ "a|b}" }}';
    for (const seed of seeds(20)) {
      const out = applySpintax(source, seed);
      expect(out.startsWith('{{ first_name | default: "there" }} {% if a or b %}')).toBe(true);
      expect(out.endsWith('{% endif %} {{ "a|b}" }}')).toBe(true);
    }
  });

  it("allows Liquid inside options", () => {
    const seen = new Set(
      seeds(100).map((seed) => applySpintax('{Hi {{ first_name | default: "x" }}|Hello}', seed)),
    );
    expect(seen).toEqual(new Set(['Hi {{ first_name | default: "x" }}', "Hello"]));
  });

  it("leaves {% raw %} content alone", () => {
    expect(applySpintax("{% raw %}{a|b}{% endraw %}", "s")).toBe("{% raw %}{a|b}{% endraw %}");
  });

  it("treats `{{` as Liquid even where a nested group was meant", () => {
    expect(applySpintax("{{a|b}|c}", "s")).toBe("{{a|b}|c}");
  });

  it("does not throw on unterminated Liquid", () => {
    expect(applySpintax("{a|b} {{ oops", "s")).toMatch(/^[ab] \{\{ oops$/);
  });

  it("bounds nesting depth: deeper braces are literal", () => {
    const deep = `${"{a|".repeat(40)}z${"}".repeat(40)}`;
    expect(() => applySpintax(deep, "s")).not.toThrow();
    const tree = parseSpintax(deep);
    expect(tree.groupCount).toBeLessThanOrEqual(16);
  });

  it("handles a very long run of braces without deep recursion", () => {
    const source = "{".repeat(50_000) + "|".repeat(10) + "}".repeat(50_000);
    expect(() => applySpintax(source, "s")).not.toThrow();
  });
});

describe("seed use in renders", () => {
  it("renderText spins with the seed as given", () => {
    const source = "{a|b|c} {d|e|f} {g|h}";
    for (const seed of seeds(20)) {
      expect(renderText(source, {}, { seed }).text).toBe(applySpintax(source, seed));
    }
  });

  it('renderTemplate spins subject and body with the seed plus ":subject" / ":body"', () => {
    const content = { subject: "{a|b|c} {d|e}", body: "{a|b|c} {d|e}" };
    for (const seed of seeds(20)) {
      const { subject, body } = renderTemplate(content, {}, { seed });
      expect(subject).toBe(applySpintax(content.subject, `${seed}:subject`));
      expect(body).toBe(applySpintax(content.body, `${seed}:body`));
    }
    const same = seeds(300).filter((seed) => {
      const { subject, body } = renderTemplate(content, {}, { seed });
      return subject === body;
    });
    // Independent: subject and body agree about 1/6 of the time, not always.
    expect(same.length).toBeGreaterThan(20);
    expect(same.length).toBeLessThan(100);
  });

  it("preview and send agree: same seed, same text", () => {
    const content = { subject: "{Hi|Hello} {{first_name}}", body: "{a|b|c|d|e|f|g|h}" };
    const data = { first_name: "Ada" };
    const preview = renderTemplate(content, data, { seed: "c:l:1" });
    const send = renderTemplate(content, { ...data }, { seed: "c:l:1" });
    expect(send).toEqual(preview);
  });
});

describe("chooseOption", () => {
  it("stays within range", () => {
    const h = hashSeed("x");
    for (let id = 0; id < 100; id++) {
      for (const n of [1, 2, 3, 7]) {
        const choice = chooseOption(h, id, n);
        expect(choice).toBeGreaterThanOrEqual(0);
        expect(choice).toBeLessThan(n);
      }
    }
  });
});
