/**
 * What every part of the Worker reads, its Durable Objects included: D1 and the deployment's
 * variables and secrets (see wrangler.jsonc and the README's configuration table). The Durable
 * Object namespaces are added by the code that calls each one (`env.ts` for the Worker), so that no
 * object class reaches another's module through the environment type.
 */
export interface BaseEnv {
  DB: D1Database;
  /** "local" only when asked for explicitly (pnpm dev, tests, benchmarks); anything else, or nothing, is a deployment. */
  ENVIRONMENT?: string;
  RATE_LIMIT_PER_MINUTE?: string;
  MIN_INTERVAL_FLOOR_SECONDS?: string;
  /** 32 random bytes, base64: encrypts secrets at rest. Required outside local development. */
  SECRETS_KEY?: string;
  /**
   * Earlier SECRETS_KEY values (base64, separated by commas or spaces), accepted for decryption only
   * while stored secrets are re-encrypted under SECRETS_KEY (docs/deploy.md, "Rotating SECRETS_KEY").
   */
  SECRETS_KEY_PREVIOUS?: string;
  /** Signs tokens in links (unsubscribe, click tracking). Required outside local development. */
  LINK_SIGNING_KEY?: string;
  /** Public https origin used in links inside emails. Required outside local development. */
  PUBLIC_BASE_URL?: string;
  /** The operator credential for /api/v1/admin/*; without it the admin routes answer 403 ADMIN_DISABLED. */
  ADMIN_TOKEN?: string;
  /** Admin requests a minute per source IP (default 30). */
  ADMIN_RATE_LIMIT_PER_MINUTE?: string;
  /**
   * The domain whose mail Cloudflare Email Routing hands to this Worker's `email()` handler. When set,
   * every email carries a signed Reply-To (`r+<tag>@`) and envelope sender (`b+<tag>@`) there, so
   * replies, bounces and automatic answers come back to Cadence. Unset: nothing comes back by itself.
   */
  INBOUND_DOMAIN?: string;
  /** Where inbound mail that matches no sent message is forwarded; unset: it is rejected with a reason. */
  INBOUND_CATCH_ALL?: string;
  /** The deployment's AI provider (README "AI personalization"): an OpenAI-compatible base URL ... */
  AI_BASE_URL?: string;
  /** ... its API key (a secret; none for a local Ollama) ... */
  AI_API_KEY?: string;
  /** ... and model; with no AI_BASE_URL, the model the `AI` binding runs. */
  AI_MODEL?: string;
  /** Workers AI, when the deployment binds it (`"ai": {"binding": "AI"}` in wrangler.jsonc). */
  AI?: AiBinding;
  /** Tokens (in + out) a user may spend a UTC day; default 1,000,000. */
  AI_DAILY_TOKEN_BUDGET?: string;
  /** Tokens (in + out) one campaign may spend, ever; default 5,000,000. */
  AI_CAMPAIGN_TOKEN_CAP?: string;
  /** Deadline of one model call in ms; default 30,000. */
  AI_TIMEOUT_MS?: string;
  /** Leads a campaign's playground drafts at once; default 8. */
  AI_PLAYGROUND_CONCURRENCY?: string;
}

/**
 * What Cadence uses of the Workers AI binding: `run(model, {messages, ...})`. Declared here rather than
 * with the generated model list, whose per-model overloads Cadence does not need.
 */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}
