import { createApp } from "./app";
import type { Env } from "./env";

export { CampaignObject } from "./campaign/object";
export { RateLimiter } from "./middleware/rate-limiter-object";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
