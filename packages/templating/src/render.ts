import {
  cleanLiquidMessage,
  LiquidParseFailure,
  type ParsedTemplate,
  parseLiquid,
  renderLiquid,
  TEMPLATE_LIMITS,
  type TemplateFields,
} from "./engine";
import { type TemplatePart, TemplateRenderError, TemplateSyntaxError } from "./errors";
import { buildScope, isEmptyField, isReservedField } from "./fields";
import { looksLikeHtml } from "./html";
import { LruCache } from "./lru";
import {
  hashSeed,
  lineAndColumn,
  linearize,
  type MappedText,
  type SpinNode,
  type SpintaxTree,
  sequences,
  skeleton,
  sourceOffset,
  spintaxTree,
  spinVariant,
} from "./spintax";

export interface TemplateContent {
  subject: string;
  body: string;
}

export interface RenderOptions {
  /** Spintax seed, e.g. `${campaignId}:${leadId}:${step}`: the same seed gives the same text. */
  seed: string;
  /** The body is HTML: merge values are HTML-escaped. Default: `looksLikeHtml(body)`. */
  html?: boolean;
  /** Per-message values such as `unsubscribe_url` and `sender_*`; they override row data. */
  reserved?: Record<string, string>;
}

export interface RenderResult {
  subject: string;
  body: string;
  /** Fields printed without a `default` whose value was missing or empty, first appearance first. */
  missingFields: string[];
}

export const UNSUBSCRIBE_FIELD = "unsubscribe_url";

function checkSize(source: string, field: TemplatePart | undefined): void {
  if (typeof source !== "string") {
    throw new TemplateSyntaxError(`${field ?? "template"} must be a string`, { field });
  }
  if (source.length > TEMPLATE_LIMITS.maxSourceChars) {
    throw new TemplateSyntaxError(
      `${field ?? "template"} is ${source.length} characters; the limit is ${TEMPLATE_LIMITS.maxSourceChars}`,
      { field },
    );
  }
}

function syntaxError(
  failure: LiquidParseFailure,
  tree: SpintaxTree,
  mapped: MappedText,
  field: TemplatePart | undefined,
  label?: string,
): TemplateSyntaxError {
  const offset = failure.offset === undefined ? undefined : sourceOffset(mapped, failure.offset);
  const position = offset === undefined ? undefined : lineAndColumn(tree.source, offset);
  const where = position === undefined ? "" : ` (line ${position.line}, column ${position.column})`;
  const what =
    label === undefined ? failure.message : `${label} is not a complete template: ${failure.message}`;
  return new TemplateSyntaxError(`${what}${where}`, {
    field,
    line: position?.line,
    column: position?.column,
  });
}

function renderPart(
  source: string,
  scope: Record<string, string>,
  seed: string,
  html: boolean,
  field: TemplatePart | undefined,
  printed: string[],
): string {
  checkSize(source, field);
  const tree = spintaxTree(source);
  const seedHash = hashSeed(seed);
  const variant = spinVariant(tree, seedHash);
  let parsed: ParsedTemplate;
  try {
    parsed = parseLiquid(variant.text, html);
  } catch (error) {
    if (!(error instanceof LiquidParseFailure)) throw error;
    throw syntaxError(error, tree, spinVariant(tree, seedHash, true), field);
  }
  try {
    return renderLiquid(parsed, html, scope, printed);
  } catch (error) {
    const message = error instanceof Error ? cleanLiquidMessage(error.message) : String(error);
    throw new TemplateRenderError(`${field ?? "template"} could not be rendered: ${message}`, field);
  }
}

function missingFields(printed: readonly string[], scope: Record<string, string>): string[] {
  const missing: string[] = [];
  for (const name of printed) {
    if (!missing.includes(name) && isEmptyField(scope, name)) missing.push(name);
  }
  return missing;
}

/** Subjects are one header line: line breaks (from data or the template) become single spaces. */
function cleanSubject(subject: string): string {
  return subject.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/**
 * Render a `{subject, body}` template for one row. Spintax is resolved with `${seed}:subject` and
 * `${seed}:body` so that subject and body groups vary independently. Throws `TemplateSyntaxError`
 * for an invalid template and `TemplateRenderError` if the render budget is exceeded; never for
 * data values.
 */
export function renderTemplate(
  content: TemplateContent,
  data: Record<string, string>,
  options: RenderOptions,
): RenderResult {
  const scope = buildScope(data ?? {}, options.reserved);
  const html = options.html ?? looksLikeHtml(content.body);
  const printed: string[] = [];
  const subject = renderPart(content.subject, scope, `${options.seed}:subject`, false, "subject", printed);
  const body = renderPart(content.body, scope, `${options.seed}:body`, html, "body", printed);
  return { subject: cleanSubject(subject), body, missingFields: missingFields(printed, scope) };
}

/** Render one text (e.g. a LinkedIn message template); spintax uses `options.seed` as given. */
export function renderText(
  source: string,
  data: Record<string, string>,
  options: RenderOptions,
): { text: string; missingFields: string[] } {
  const scope = buildScope(data ?? {}, options.reserved);
  const printed: string[] = [];
  const text = renderPart(source, scope, options.seed, options.html ?? false, undefined, printed);
  return { text, missingFields: missingFields(printed, scope) };
}

interface SourceAnalysis {
  readonly tree: SpintaxTree;
  readonly fields: TemplateFields;
}

const analysisCache = new LruCache<SourceAnalysis | TemplateSyntaxError>(
  TEMPLATE_LIMITS.cacheEntries,
  TEMPLATE_LIMITS.cacheChars,
);

function analyzeUncached(source: string, field: TemplatePart | undefined): SourceAnalysis {
  checkSize(source, field);
  const tree = spintaxTree(source);
  // Every option, and the text around the groups, must parse on its own: then every combination of
  // choices parses too, and a template that validates can never fail to parse for some seed.
  if (tree.groupCount > 0) {
    for (const { nodes, label } of sequences(tree)) {
      const mapped = skeleton(tree, nodes);
      try {
        parseLiquid(mapped.text, false);
      } catch (error) {
        if (!(error instanceof LiquidParseFailure)) throw error;
        throw syntaxError(error, tree, mapped, field, label);
      }
    }
  }
  const all = linearize(tree);
  try {
    return { tree, fields: parseLiquid(all.text, false).fields };
  } catch (error) {
    if (!(error instanceof LiquidParseFailure)) throw error;
    throw syntaxError(error, tree, all, field);
  }
}

function analyze(source: string, field: TemplatePart | undefined): SourceAnalysis {
  const cached = analysisCache.get(source);
  if (cached !== undefined) {
    if (cached instanceof TemplateSyntaxError) {
      throw new TemplateSyntaxError(cached.message, { field, line: cached.line, column: cached.column });
    }
    return cached;
  }
  try {
    const result = analyzeUncached(source, field);
    analysisCache.set(source, result);
    return result;
  } catch (error) {
    if (error instanceof TemplateSyntaxError && typeof source === "string") analysisCache.set(source, error);
    throw error;
  }
}

/**
 * Merge fields a template references, over all spintax options. `required`: printed without a
 * `default` filter (and not inside an `if`/`unless`/`case` that tests the same field). `optional`:
 * the rest. Reserved fields (`unsubscribe_url`, `sender_*`) are included. Throws
 * `TemplateSyntaxError` for an invalid template.
 */
export function referencedFields(source: string): { required: string[]; optional: string[] } {
  const { fields } = analyze(source, undefined);
  return { required: [...fields.required], optional: [...fields.optional] };
}

/**
 * Check both parts. `fields`: row fields that must have a value (required, not reserved), subject
 * first, so preflight can warn MISSING_MERGE_FIELD per row without rendering.
 */
export function validateTemplate(
  content: TemplateContent,
): { ok: true; fields: string[] } | { ok: false; error: string; field: "subject" | "body" } {
  const fields: string[] = [];
  for (const part of ["subject", "body"] as const) {
    try {
      for (const name of analyze(content[part], part).fields.required) {
        if (!isReservedField(name) && !fields.includes(name)) fields.push(name);
      }
    } catch (error) {
      if (error instanceof TemplateSyntaxError) return { ok: false, error: error.message, field: part };
      throw error;
    }
  }
  return { ok: true, fields };
}

function alwaysPrints(tree: SpintaxTree, nodes: SpinNode[], name: string): boolean {
  if (parseLiquid(skeleton(tree, nodes).text, false).fields.printed.includes(name)) return true;
  return nodes.some(
    (node) => node.kind === "group" && node.options.every((option) => alwaysPrints(tree, option, name)),
  );
}

/**
 * True when every spintax variant of the body prints `{{ unsubscribe_url }}` (with or without
 * filters). An invalid body has no link.
 */
export function hasUnsubscribeLink(content: TemplateContent): boolean {
  try {
    const { tree } = analyze(content.body, "body");
    return alwaysPrints(tree, tree.nodes, UNSUBSCRIBE_FIELD);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return false;
    throw error;
  }
}
