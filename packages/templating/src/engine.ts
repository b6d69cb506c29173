/// <reference path="./liquidjs-browser.d.ts" />
import {
  CaseTag,
  EchoTag,
  type FilterContext,
  type FilterHandler,
  IfTag,
  Liquid,
  Output,
  type Template,
  toValueSync,
  UnlessTag,
} from "liquidjs/dist/liquid.browser.mjs";
import { LruCache } from "./lru";

/** Limits that keep one template bounded in size and render cost. */
export const TEMPLATE_LIMITS = {
  /** Largest subject or body source accepted, in UTF-16 code units (string length). */
  maxSourceChars: 100_000,
  /** Deepest spintax nesting; deeper braces are literal text. */
  maxSpinDepth: 16,
  /** liquidjs `memoryLimit`: units are roughly characters produced by filters and outputs per render. */
  memoryLimit: 2_000_000,
  /** liquidjs `renderLimit` in ms. Effective in Node; inside workerd the clock does not advance during
   * synchronous code, so there `memoryLimit` (and the absence of loop tags) is what bounds a render. */
  renderLimitMs: 250,
  /** Parsed-template cache, per engine (text / HTML). */
  cacheEntries: 500,
  cacheChars: 4_000_000,
} as const;

/**
 * Tags that are not available to templates. `include`, `render` and `layout` (and `block`, which
 * only serves layouts) would read other templates; the loop tags are removed so that a render is
 * linear in the template's size: a row holds flat strings, there is nothing to loop over.
 */
const REMOVED_TAGS = [
  "include",
  "render",
  "layout",
  "block",
  "for",
  "tablerow",
  "cycle",
  "break",
  "continue",
];
/** Async (Web Crypto) in the browser build of liquidjs: they would render "[object Promise]". */
const REMOVED_FILTERS = ["sha256", "hmac_sha256"];
/** Throw URIError on malformed input (a stray "%", a lone surrogate); row data must not fail a send. */
const URI_FILTERS = ["url_decode", "url_encode", "cgi_escape", "uri_escape"];

export const DISALLOWED_TAGS: ReadonlySet<string> = new Set(REMOVED_TAGS);

/** Text-mode output hook: no escaping, but every output counts against `memoryLimit`. */
function chargeOutput(this: FilterContext, value: unknown): unknown {
  if (typeof value === "string") this.context.memoryLimit.use(value.length);
  return value;
}

function identity(value: unknown): unknown {
  return value;
}

function createEngine(html: boolean): Liquid {
  const engine = new Liquid({
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    jsTruthy: false,
    dynamicPartials: false,
    relativeReference: false,
    // An empty in-memory file system: nothing can be loaded even if a loading tag slipped through.
    templates: {},
    globals: {},
    timezoneOffset: 0,
    locale: "en-US",
    outputEscape: html ? "escape" : chargeOutput,
    parseLimit: TEMPLATE_LIMITS.maxSourceChars * 4,
    renderLimit: TEMPLATE_LIMITS.renderLimitMs,
    memoryLimit: TEMPLATE_LIMITS.memoryLimit,
  });
  for (const tag of REMOVED_TAGS) Reflect.deleteProperty(engine.tags, tag);
  for (const filter of REMOVED_FILTERS) Reflect.deleteProperty(engine.filters, filter);
  // `raw` must never switch the output hook off: in HTML that hook is the escaping.
  engine.registerFilter("raw", identity);
  for (const name of URI_FILTERS) {
    const filter = engine.filters[name] as FilterHandler;
    engine.registerFilter(name, function tolerantUriFilter(value, ...args) {
      try {
        return filter.call(this, value, ...args);
      } catch (error) {
        if (error instanceof URIError) return value;
        throw error;
      }
    });
  }
  if (html) {
    // Already-escaping filters are marked raw so an explicit `| escape` is not escaped twice.
    const escapeHtml = engine.filters.escape as FilterHandler;
    const escapeOnce = engine.filters.escape_once as FilterHandler;
    engine.registerFilter("escape", { handler: escapeHtml, raw: true });
    engine.registerFilter("xml_escape", { handler: escapeHtml, raw: true });
    engine.registerFilter("escape_once", { handler: escapeOnce, raw: true });
    engine.registerFilter("newline_to_br", {
      handler(value) {
        return String(escapeHtml.call(this, value)).replace(/\r?\n/g, "<br />\n");
      },
      raw: true,
    });
  }
  return engine;
}

const textEngine = createEngine(false);
const htmlEngine = createEngine(true);

/** Options the liquidjs tokenizer needs (delimiters, whitespace control); shared with spintax. */
export const tokenizerOptions: unknown = textEngine.options;
export const liquidOperators: unknown = textEngine.options.operators;

/** What one parsed template references. Names are root variables that come from the data scope. */
export interface TemplateFields {
  /** Output (`{{ }}` / `echo`) without a `default` filter and not inside an `if`/`unless`/`case` on it. */
  required: string[];
  /** Referenced, but with a `default`, under a guard on the same name, or only in tag arguments. */
  optional: string[];
  /** Every name that is printed by an output, with or without `default`. */
  printed: string[];
}

export interface ParsedTemplate {
  templates: Template[];
  fields: TemplateFields;
}

/** A Liquid parse failure, with the offset in the parsed text when liquidjs knows it. */
export class LiquidParseFailure {
  constructor(
    readonly message: string,
    readonly offset: number | undefined,
  ) {}
}

type CacheEntry = ParsedTemplate | LiquidParseFailure;
const textCache = new LruCache<CacheEntry>(TEMPLATE_LIMITS.cacheEntries, TEMPLATE_LIMITS.cacheChars);
const htmlCache = new LruCache<CacheEntry>(TEMPLATE_LIMITS.cacheEntries, TEMPLATE_LIMITS.cacheChars);

/** Parse (cached) with the text or HTML engine. Throws `LiquidParseFailure`. */
export function parseLiquid(text: string, html: boolean): ParsedTemplate {
  const cache = html ? htmlCache : textCache;
  let entry = cache.get(text);
  if (entry === undefined) {
    const engine = html ? htmlEngine : textEngine;
    try {
      const templates = engine.parse(text);
      entry = { templates, fields: inspectTemplates(engine, templates) };
    } catch (error) {
      entry = toParseFailure(error);
    }
    cache.set(text, entry);
  }
  if (entry instanceof LiquidParseFailure) throw entry;
  return entry;
}

export function clearTemplateCaches(): void {
  textCache.clear();
  htmlCache.clear();
}

// Names printed by outputs without a `default`, collected while a render runs. Renders are
// synchronous, so one module-level slot is enough.
let activeCollector: string[] | undefined;

/** Render a parsed template. `printedEmpty` receives the names of default-less outputs that ran. */
export function renderLiquid(
  parsed: ParsedTemplate,
  html: boolean,
  scope: object,
  printedWithoutDefault: string[],
): string {
  const engine = html ? htmlEngine : textEngine;
  const previous = activeCollector;
  activeCollector = printedWithoutDefault;
  try {
    return String(engine.renderSync(parsed.templates, scope));
  } finally {
    activeCollector = previous;
  }
}

/** liquidjs messages end with ", line:1, col:2"; positions are reported separately. */
export function cleanLiquidMessage(message: string): string {
  return message.replace(/, line:\d+, col:\d+$/, "").trim();
}

function toParseFailure(error: unknown): LiquidParseFailure {
  const message = error instanceof Error ? cleanLiquidMessage(error.message) : String(error);
  const token = error instanceof Error ? (error as { token?: { begin?: unknown } }).token : undefined;
  const offset = typeof token?.begin === "number" ? token.begin : undefined;
  const missingTag = /^tag "([^"]+)" not found$/.exec(message);
  if (missingTag?.[1] !== undefined && DISALLOWED_TAGS.has(missingTag[1])) {
    return new LiquidParseFailure(`tag "${missingTag[1]}" is not allowed in templates`, offset);
  }
  return new LiquidParseFailure(message, offset);
}

/** Root variable names referenced by one node's own arguments (not its children). */
function argumentRoots(engine: Liquid, node: Template): string[] {
  const args = node.arguments;
  if (args === undefined) return [];
  const analysis = engine.analyzeSync([{ arguments: () => args.call(node) }]);
  const roots: string[] = [];
  for (const variables of Object.values(analysis.variables)) {
    for (const variable of variables) {
      const root = variable.segments[0];
      if (typeof root === "string" && !roots.includes(root)) roots.push(root);
    }
  }
  return roots;
}

/**
 * Walk a parsed template once: classify the data fields it references and hook every output that
 * has no `default`, so a render can report which of them actually ran (an output inside a false
 * `if` did not). Locals (`assign`, `capture`, `increment`) are not data fields.
 */
function inspectTemplates(engine: Liquid, templates: Template[]): TemplateFields {
  const required = new Set<string>();
  const optional = new Set<string>();
  const printed = new Set<string>();
  const scopes: Set<string>[] = [new Set()];
  const isLocal = (name: string) => scopes.some((scope) => scope.has(name));

  const visit = (nodes: Template[], guards: ReadonlySet<string>): void => {
    for (const node of nodes) {
      const names = argumentRoots(engine, node).filter((name) => !isLocal(name));
      const value = node instanceof Output || node instanceof EchoTag ? node.value : undefined;
      if (value !== undefined) {
        const defaulted = value.filters.some((filter) => filter.name === "default");
        for (const name of names) {
          printed.add(name);
          if (defaulted || guards.has(name)) optional.add(name);
          else required.add(name);
        }
        if (!defaulted && names.length > 0) trackOutput(node, names);
      } else {
        for (const name of names) optional.add(name);
      }
      if (node.localScope) {
        for (const identifier of node.localScope()) scopes[0]?.add(identifier.content);
      }
      if (node.children) {
        const children = toValueSync<Template[]>(node.children(false, true));
        const isGuard = node instanceof IfTag || node instanceof UnlessTag || node instanceof CaseTag;
        const childGuards = isGuard && names.length > 0 ? new Set([...guards, ...names]) : guards;
        const block = node.blockScope ? new Set(node.blockScope()) : undefined;
        if (block) scopes.push(block);
        visit(children, childGuards);
        if (block) scopes.pop();
      }
    }
  };
  visit(templates, new Set());

  return {
    required: [...required],
    optional: [...optional].filter((name) => !required.has(name)),
    printed: [...printed],
  };
}

function trackOutput(node: Template, names: readonly string[]): void {
  const render = node.render;
  node.render = function trackedRender(this: Template, ctx: unknown, emitter: unknown) {
    if (activeCollector !== undefined) {
      for (const name of names) activeCollector.push(name);
    }
    return render.call(this, ctx, emitter);
  };
}
