import { integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * A user's own AI provider, used instead of the deployment's (`AI_BASE_URL`, `AI_MODEL`). The API key
 * is only ever stored AES-GCM encrypted (`api_key_secret`) and never returned. Null budgets fall back
 * to the deployment's defaults.
 */
export const aiProviderSettings = sqliteTable("ai_provider_settings", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** `openai_compatible` (Chat Completions over HTTP) or `workers_ai` (the deployment's AI binding). */
  kind: text("kind").notNull(),
  baseUrl: text("base_url"),
  model: text("model").notNull(),
  apiKeySecret: text("api_key_secret"),
  /** `auto` asks for a JSON object and falls back when the provider refuses; `json_object`; `off`. */
  jsonMode: text("json_mode").notNull().default("auto"),
  temperature: real("temperature"),
  maxOutputTokens: integer("max_output_tokens"),
  dailyTokenBudget: integer("daily_token_budget"),
  campaignTokenCap: integer("campaign_token_cap"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});
