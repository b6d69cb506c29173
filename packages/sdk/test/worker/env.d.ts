import type { Env as WorkerEnv } from "@cadence/api/src/env";
import type { D1Migration } from "@cloudflare/vitest-pool-workers";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import("@cadence/api/src/index");
      durableNamespaces: "CampaignObject" | "RateLimiter" | "WebhookDispatcher" | "SenderQuota";
    }
  }
}
