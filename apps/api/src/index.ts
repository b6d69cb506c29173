import { createApp } from "./app";
import { rearmLiveCampaigns, rearmsOnStart } from "./campaign/worker/startup";
import type { Env } from "./env";
import { handleInboundEmail } from "./inbound/handler";
import { deploymentProblems } from "./lib/deployment";
import { HEALTH_PATH } from "./routes/health/get";

export { PlaygroundRunner } from "./ai/playground-runner";
export { CampaignObject } from "./campaign/object/campaign-object";
export { SenderQuota } from "./campaign/sender-quota";
export { RateLimiter } from "./middleware/rate-limiter-object";
export { WebhookDispatcher } from "./webhooks/dispatcher";

const app = createApp();

/**
 * Fails fast on a deployment that is not safe to serve (a missing, weak or development SECRETS_KEY or
 * LINK_SIGNING_KEY, no PUBLIC_BASE_URL): every request answers 500 naming each setting, instead of
 * routes failing one by one, or worse, signing links with a key anyone can read in this repository.
 */
function misconfigured(env: Env): Response | null {
  const problems = deploymentProblems(env);
  if (problems.length === 0) return null;
  const requestId = crypto.randomUUID();
  console.error(JSON.stringify({ level: "error", msg: "deployment misconfigured", problems }));
  return Response.json(
    { detail: "DEPLOYMENT_MISCONFIGURED", message: problems.join("; "), request_id: requestId },
    { status: 500, headers: { "X-Request-Id": requestId } },
  );
}

/** This isolate has already started its local start-up check. */
let liveCampaignsChecked = false;

export default {
  fetch: (request, env, ctx) => {
    // The health check answers on a misconfigured deployment too (503, naming no setting).
    if (new URL(request.url).pathname === HEALTH_PATH) return app.fetch(request, env, ctx);
    const refused = misconfigured(env);
    if (refused) return refused;
    if (!liveCampaignsChecked && rearmsOnStart(env)) {
      // Once per isolate, locally: campaigns whose alarm did not survive a restart are woken again.
      liveCampaignsChecked = true;
      ctx.waitUntil(rearmLiveCampaigns(env));
    }
    return app.fetch(request, env, ctx);
  },
  /** Mail routed to INBOUND_DOMAIN (Cloudflare Email Routing): replies, bounces, automatic answers. */
  email: async (message, env) => {
    await handleInboundEmail(message, env);
  },
} satisfies ExportedHandler<Env>;
