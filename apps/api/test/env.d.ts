import type { D1Migration } from "@cloudflare/vitest-pool-workers";
import type { Env as WorkerEnv } from "../src/env";
import type { AiPeerInfo, EmailProviderInfo, LinkedInProviderInfo, SmtpPeerInfo } from "./peers/peer-types";

declare global {
  /** Vite's import.meta.glob (the test pool builds with Vite): used to read fixture files at build time. */
  interface ImportMeta {
    glob(pattern: string, options: { query?: string; import?: string; eager: true }): Record<string, unknown>;
  }
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import("./worker");
      durableNamespaces:
        | "CampaignObject"
        | "RateLimiter"
        | "WebhookDispatcher"
        | "SenderQuota"
        | "PlaygroundRunner";
    }
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    peerUrl: string;
    /** Loopback SMTP server with AUTH (test/peers/smtp.ts); messages and faults via peerUrl /smtp/... */
    smtp: SmtpPeerInfo;
    /** Resend-like email API (test/peers/email-provider.ts). */
    emailProvider: EmailProviderInfo;
    /** Unipile-like LinkedIn API (test/peers/linkedin-provider.ts). */
    linkedInProvider: LinkedInProviderInfo;
    /** Base URL of the webhook receiver peer (test/peers/webhook-receiver.ts). */
    webhookReceiverUrl: string;
    /** OpenAI-compatible Chat Completions server (test/peers/ai-provider.ts); scenarios keyed by model. */
    aiProvider: AiPeerInfo;
  }
}
