export { DISALLOWED_TAGS, TEMPLATE_LIMITS } from "./engine";
export {
  type TemplateErrorDetails,
  type TemplatePart,
  TemplateRenderError,
  TemplateSyntaxError,
} from "./errors";
export { isReservedField, normalizeFieldName, RESERVED_FIELD_PREFIXES, RESERVED_FIELDS } from "./fields";
export {
  escapeHtml,
  htmlToText,
  looksLikeHtml,
  plainTextToHtml,
  type RewriteLinksOptions,
  rewriteLinks,
} from "./html";
export {
  hasUnsubscribeLink,
  type RenderOptions,
  type RenderResult,
  referencedFields,
  renderTemplate,
  renderText,
  type TemplateContent,
  UNSUBSCRIBE_FIELD,
  validateTemplate,
} from "./render";
export { applySpintax } from "./spintax";
