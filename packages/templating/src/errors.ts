export type TemplatePart = "subject" | "body";

export interface TemplateErrorDetails {
  /** Which part of a `{subject, body}` template failed, when known. */
  field?: TemplatePart | undefined;
  /** 1-based line and column in the source the author wrote (before spintax), when known. */
  line?: number | undefined;
  column?: number | undefined;
}

/**
 * The template itself is invalid: Liquid syntax, an unknown filter, a tag that is not allowed, or a
 * source over the size limit. The API answers 422 with `message`.
 */
export class TemplateSyntaxError extends Error {
  readonly code = "TEMPLATE_SYNTAX_ERROR";
  readonly field: TemplatePart | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, details: TemplateErrorDetails = {}) {
    super(message);
    this.name = "TemplateSyntaxError";
    this.field = details.field;
    this.line = details.line;
    this.column = details.column;
  }
}

/**
 * A valid template failed while rendering, in practice only when it exceeds the render budget
 * (`memoryLimit`/`renderLimit`). The action should fail with this code, not send a partial message.
 */
export class TemplateRenderError extends Error {
  readonly code = "TEMPLATE_RENDER_ERROR";
  readonly field: TemplatePart | undefined;

  constructor(message: string, field?: TemplatePart) {
    super(message);
    this.name = "TemplateRenderError";
    this.field = field;
  }
}
