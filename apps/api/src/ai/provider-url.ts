import type { BaseEnv } from "../base-env";
import { isLocal } from "../lib/deployment";
import { egressProblem } from "../lib/egress";

/**
 * Why a deployment may not call an AI provider at `baseUrl`, or null. Checked when a user saves a
 * provider (422) and again before every call (a stored URL, or the deployment's AI_BASE_URL). Plain
 * http only in local development (a local Ollama); everywhere else https, and the egress policy.
 */
export function aiBaseUrlProblem(env: Pick<BaseEnv, "ENVIRONMENT">, baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return "must be an absolute URL such as https://api.openai.com/v1";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http(s) URL";
  if (url.username || url.password) return "must not carry credentials: give the key as api_key";
  if (url.search || url.hash) return "must not have a query or fragment";
  if (!isLocal(env) && url.protocol !== "https:") return "must be an https URL";
  return aiEgressProblem(env, url);
}

/**
 * The egress plug: the deployment-wide policy for tenant-configured destinations (lib/egress.ts:
 * public hosts only, no loopback, private, link-local or metadata addresses, in any spelling). Every
 * AI call and every saved provider URL passes through here.
 */
export function aiEgressProblem(env: Pick<BaseEnv, "ENVIRONMENT">, url: URL): string | null {
  const problem = egressProblem(env, url.href);
  return problem ? `must be a public host: ${problem}` : null;
}

/** A base URL as stored: trailing slashes removed, so `${base}/chat/completions` is the endpoint. */
export function normalizeAiBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, "");
}
