/**
 * The test pool's entry point: the app exactly as src/index.ts builds it, with the Durable Object
 * classes replaced by their test subclasses (test/objects.ts) under the same names.
 */
export { default, RateLimiter, SenderQuota } from "../src/index";
export { CampaignObject, PlaygroundRunner, WebhookDispatcher } from "./objects";
