import { z } from "@hono/zod-openapi";
import { Timestamp, Uuid } from "./common";

/** Which prompt a generation used: the request's, the campaign's, the sender profile's, or the built-in one. */
export const PROMPT_SOURCES = ["custom", "campaign", "sender_profile", "default"] as const;
export type PromptSource = (typeof PROMPT_SOURCES)[number];

export const AI_PROVIDER_KINDS = ["openai_compatible", "workers_ai"] as const;
export type AiProviderKind = (typeof AI_PROVIDER_KINDS)[number];
export const AI_JSON_MODES = ["auto", "json_object", "off"] as const;
export type AiJsonMode = (typeof AI_JSON_MODES)[number];

/** Bounds of what a model may answer (and of what may be approved). */
export const AI_SUBJECT_MAX_CHARS = 998;
export const AI_BODY_MAX_CHARS = 50_000;

const budget = z.number().int().min(1).max(10_000_000_000);

export const AiProviderUpdate = z
  .object({
    kind: z.enum(AI_PROVIDER_KINDS).default("openai_compatible").openapi({
      description:
        "`openai_compatible`: any Chat Completions endpoint (OpenAI, Groq, Together, OpenRouter, Ollama, vLLM, llama.cpp). `workers_ai`: the deployment's Workers AI binding, when it has one.",
    }),
    base_url: z.string().trim().max(2048).nullish().openapi({
      description:
        "Chat Completions base URL, up to and including the version: `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` (local only). Required for `openai_compatible`; https outside local development.",
      example: "https://api.openai.com/v1",
    }),
    api_key: z.string().min(1).max(4096).optional().openapi({
      description:
        "Write-only: stored encrypted, never returned (`has_api_key`). Omitted, the stored key is kept while `base_url` stays the same; a new `base_url` without a key drops it.",
    }),
    model: z.string().trim().min(1).max(200).openapi({ example: "gpt-4o-mini" }),
    json_mode: z.enum(AI_JSON_MODES).default("auto").openapi({
      description:
        '`auto` asks for `response_format: {"type": "json_object"}` and retries without it when the provider refuses it; `json_object` always asks; `off` never asks.',
    }),
    temperature: z.number().min(0).max(2).nullish(),
    max_output_tokens: z.number().int().min(64).max(32_000).nullish(),
    daily_token_budget: budget.nullish().openapi({
      description:
        "Tokens (in + out) a UTC day for this user; null: the deployment's `AI_DAILY_TOKEN_BUDGET`",
    }),
    campaign_token_cap: budget.nullish().openapi({
      description: "Tokens (in + out) per campaign, ever; null: the deployment's `AI_CAMPAIGN_TOKEN_CAP`",
    }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.kind === "openai_compatible" && !b.base_url) {
      ctx.addIssue({
        code: "custom",
        path: ["base_url"],
        message: "base_url is required for openai_compatible",
      });
    }
    if (b.kind === "workers_ai" && (b.base_url || b.api_key !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [b.base_url ? "base_url" : "api_key"],
        message: "workers_ai uses the deployment's AI binding: no base_url or api_key",
      });
    }
  })
  .openapi("AiProviderUpdate");
export type AiProviderUpdate = z.infer<typeof AiProviderUpdate>;

export const AiProviderResponse = z
  .object({
    configured: z.boolean().openapi({ description: "Whether AI endpoints can generate for this user now" }),
    source: z.enum(["user", "deployment"]).nullable().openapi({
      description:
        "`user`: set with PUT /api/v1/ai/provider; `deployment`: AI_BASE_URL / AI binding; null: none",
    }),
    kind: z.enum(AI_PROVIDER_KINDS).nullable(),
    base_url: z.string().nullable(),
    model: z.string().nullable(),
    has_api_key: z.boolean(),
    json_mode: z.enum(AI_JSON_MODES).nullable(),
    temperature: z.number().nullable(),
    max_output_tokens: z.number().int().nullable(),
    daily_token_budget: z.number().int().openapi({ description: "The effective daily budget" }),
    campaign_token_cap: z.number().int().openapi({ description: "The effective per-campaign cap" }),
    tokens_used_today: z.number().int(),
    problem: z
      .string()
      .nullable()
      .openapi({ description: "Why no provider can be used, and how to set one" }),
    updated_at: Timestamp.nullable(),
  })
  .openapi("AiProviderResponse");
export type AiProviderResponse = z.infer<typeof AiProviderResponse>;

const LeadData = z.record(z.string(), z.unknown()).openapi({
  description: "The lead's fields (first_name, company, title, linkedin_url, ...)",
  example: { first_name: "Ada", company: "Analytical Engines", title: "CTO" },
});
const SenderData = z.record(z.string(), z.unknown()).openapi({
  description: "Inline sender data; ignored when sender_profile_id is given",
  example: { name: "Sam Sender", company: "Acme", offer: "outreach that books meetings" },
});
const previewPrompt = z.string().min(100).max(5000).nullish().openapi({
  description:
    "Prompt for this request (100-5000 characters); else the sender profile's `sender_data.custom_prompt`, else the built-in prompt",
});

/** One lead: literal `lead_data`, or a row of one of the user's datasets. */
function leadSourceIssues(
  b: { lead_data?: unknown; dataset_id?: unknown; row_index?: unknown },
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
) {
  if (b.lead_data != null) return;
  if (b.dataset_id == null) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "lead_data"],
      message: "give lead_data, or dataset_id with row_index",
    });
  } else if (b.row_index == null) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "row_index"],
      message: "row_index is required with dataset_id",
    });
  }
}

const leadSource = {
  lead_data: LeadData.nullish(),
  dataset_id: Uuid.nullish(),
  row_index: z.number().int().min(1).nullish(),
};

export const PersonalizePreviewRequest = z
  .object({
    ...leadSource,
    sender_profile_id: Uuid.nullish().openapi({
      description: "One of your sender profiles; else sender_data; else your default profile",
    }),
    sender_data: SenderData.nullish(),
    custom_prompt: previewPrompt,
    research_context: z.string().max(20_000).nullish().openapi({
      description: "Extra facts about the lead, given to the model as data",
    }),
  })
  .superRefine((b, ctx) => leadSourceIssues(b, ctx))
  .openapi("PersonalizePreviewRequest");
export type PersonalizePreviewRequest = z.infer<typeof PersonalizePreviewRequest>;

export const PersonalizePreviewResponse = z
  .object({
    subject: z.string(),
    email_body: z.string(),
    prompt_source: z.enum(PROMPT_SOURCES),
    model_used: z.string(),
    latency_ms: z
      .number()
      .int()
      .openapi({ description: "Time spent producing the answer (model calls, or the store)" }),
    prompt_version_hash: z.string(),
    from_cache: z
      .boolean()
      .openapi({ description: "Answered from the store: the same inputs were generated before" }),
    tokens_in: z.number().int(),
    tokens_out: z.number().int(),
  })
  .openapi("PersonalizePreviewResponse");
export type PersonalizePreviewResponse = z.infer<typeof PersonalizePreviewResponse>;

export const BATCH_PREVIEW_MAX_LEADS = 25;

export const BatchPreviewRequest = z
  .object({
    client_run_id: z.string().min(1).max(100).openapi({
      description: "Client-chosen id (a UUID v4, say); every event echoes it as `batch_id`",
    }),
    leads: z
      .array(
        z
          .object(leadSource)
          .superRefine((b, ctx) => leadSourceIssues(b, ctx))
          .openapi("BatchPreviewLead"),
      )
      .min(1)
      .max(BATCH_PREVIEW_MAX_LEADS),
    sender_profile_id: Uuid.nullish(),
    sender_data: SenderData.nullish(),
    active_prompt_name: z.string().max(200).nullish().openapi({
      description:
        "Name of a prompt in the sender data's `prompts: [{name, prompt}]`; when none matches, custom_prompt or the default applies",
    }),
    custom_prompt: previewPrompt,
  })
  .openapi("BatchPreviewRequest");
export type BatchPreviewRequest = z.infer<typeof BatchPreviewRequest>;

const GenerationError = z.object({ code: z.string(), message: z.string() }).openapi("GenerationError");

/** The data of one `lead_result` event of the batch preview stream. */
export const BatchPreviewLeadResult = z
  .object({
    batch_id: z.string(),
    index: z
      .number()
      .int()
      .openapi({ description: "Position of the lead in the request's `leads` (0-based)" }),
    row_index: z.number().int().nullable(),
    status: z.enum(["ok", "error"]),
    subject: z.string().nullable(),
    email_body: z.string().nullable(),
    prompt_source: z.enum(PROMPT_SOURCES).nullable(),
    model_used: z.string().nullable(),
    latency_ms: z.number().int(),
    from_cache: z.boolean(),
    error: GenerationError.nullable(),
  })
  .openapi("BatchPreviewLeadResult");
export type BatchPreviewLeadResult = z.infer<typeof BatchPreviewLeadResult>;

/** The data of the final `done` event of the batch preview stream. */
export const BatchPreviewDone = z
  .object({
    batch_id: z.string(),
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
  })
  .openapi("BatchPreviewDone");
export type BatchPreviewDone = z.infer<typeof BatchPreviewDone>;

const UsageCount = z.number().int().min(0);

/** What a launched campaign's send-time generation cost, per step (the playground and previews are not counted). */
export const CampaignAiStats = z
  .object({
    per_step: z.array(
      z.object({
        step_index: z.number().int().min(1),
        calls: UsageCount.openapi({ description: "Model calls, retries and corrections included." }),
        generations: UsageCount.openapi({ description: "Calls that gave a usable email." }),
        failures: UsageCount.openapi({
          description: "Calls without a usable answer (errors, unusable output).",
        }),
        tokens_in: UsageCount,
        tokens_out: UsageCount,
      }),
    ),
  })
  .openapi("CampaignAiStats", {
    description:
      "Send-time AI personalization per step: model calls, generations, failures and tokens. Emails answered from the store, and approved emails, cost nothing and are not counted.",
  });
