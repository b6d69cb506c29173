export { type WaitForCampaignOptions, waitForCampaign } from "./campaigns.js";
export { Cadence, createCadence } from "./client.js";
export { CadenceCore, type CadenceOptions, DEFAULT_BASE_URL, type ResponseData } from "./core.js";
export { type CsvSource, type ImportCsvOptions, importCsv } from "./datasets.js";
export {
  CadenceApiError,
  CadenceConnectionError,
  type ErrorResponse,
  type ValidationIssue,
} from "./errors.js";
export type { components, operations, paths } from "./generated/openapi.js";
export {
  DEFAULT_PAGE_SIZE,
  type ListItem,
  type ListPath,
  type PaginateInit,
  paginate,
} from "./pagination.js";
export {
  backoffDelay,
  DEFAULT_RETRY,
  type FetchFn,
  parseRetryAfter,
  type RetryEvent,
  type RetryOptions,
  type RetryReason,
  timerSleep as sleep,
} from "./retry.js";
export type * from "./types.js";
export {
  CadenceWebhookError,
  constructWebhookEvent,
  DEFAULT_TOLERANCE_SECONDS,
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  type VerifyWebhookOptions,
  verifyWebhookSignature,
} from "./webhooks.js";
