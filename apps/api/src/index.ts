import { createApp } from "./app";
import { rearmLiveCampaigns } from "./campaign/startup";
import type { Env } from "./env";
import { assertSecretsKey, SecretsKeyError } from "./lib/secrets";

export { CampaignObject } from "./campaign/object";
export { SenderQuota } from "./campaign/sender-quota";
export { RateLimiter } from "./middleware/rate-limiter-object";
export { WebhookDispatcher } from "./webhooks/dispatcher";

const app = createApp();

/**
 * Fails fast on a deployment without a usable SECRETS_KEY: every request answers 500 naming the
 * variable, instead of routes failing one by one the first time they touch a secret.
 */
function misconfigured(env: Env): Response | null {
  try {
    assertSecretsKey(env);
    return null;
  } catch (err) {
    if (!(err instanceof SecretsKeyError)) throw err;
    const requestId = crypto.randomUUID();
    console.error(JSON.stringify({ level: "error", msg: "start-up check failed", error: err.message }));
    return Response.json(
      { detail: "INTERNAL_ERROR", message: err.message, request_id: requestId },
      { status: 500, headers: { "X-Request-Id": requestId } },
    );
  }
}

let liveCampaignsChecked = false;

export default {
  fetch: (request, env, ctx) => {
    const refused = misconfigured(env);
    if (refused) return refused;
    if (!liveCampaignsChecked) {
      // Once per isolate: campaigns whose alarm did not survive a restart are woken again.
      liveCampaignsChecked = true;
      ctx.waitUntil(rearmLiveCampaigns(env));
    }
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
