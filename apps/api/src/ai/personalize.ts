import type { ErrorCode } from "@cadence/contract";
import type { BaseEnv } from "../base-env";
import { budgetStop } from "./budget";
import {
  type AiSettings,
  aiNotConfiguredMessage,
  createAiProvider,
  modelSettingsOf,
  resolveAiSettings,
} from "./config";
import { generateEmail, type RetryPolicy } from "./generate";
import { type D1BatchRunner, directBatch } from "./group-commit";
import {
  buildMessages,
  generationInputHash,
  type PersonalizationInput,
  type PromptChoice,
  promptVersionHash,
} from "./prompt";
import {
  lookupGeneration,
  recordUsage,
  type StoredGeneration,
  saveGeneration,
  type UsageEntry,
} from "./store";
import type { AiProvider } from "./types";

/** A resolved provider for one user: its settings and a client. */
export interface AiRuntime {
  env: BaseEnv;
  userId: string;
  settings: AiSettings;
  provider: AiProvider;
  /** How the store's statements reach D1: one batch per call unless a group commit is given. */
  batch?: D1BatchRunner;
}

export type AiRuntimeResolution = { ok: true; runtime: AiRuntime } | { ok: false; message: string };

/** The user's provider ready to call, or the AI_NOT_CONFIGURED message saying what is wrong and how to fix it. */
export async function aiRuntimeFor(env: BaseEnv, userId: string): Promise<AiRuntimeResolution> {
  const resolved = await resolveAiSettings(env, userId);
  if (!resolved.ok) return { ok: false, message: aiNotConfiguredMessage(resolved.problem) };
  return {
    ok: true,
    runtime: { env, userId, settings: resolved.settings, provider: createAiProvider(env, resolved.settings) },
  };
}

/** One email to personalize: who pays, what for, the prompt, and the data. */
export interface PersonalizeJob {
  campaignId: string | null;
  stepIndex: number | null;
  purpose: UsageEntry["purpose"];
  prompt: PromptChoice;
  input: PersonalizationInput;
  /** For a campaign lead: the step's configuration for its variant (see stepConfigFingerprint). */
  stepConfigFingerprint: string | null;
}

export type PersonalizeResult =
  | { ok: true; generation: StoredGeneration; fromCache: boolean; promptVersionHash: string }
  | {
      ok: false;
      code: Extract<
        ErrorCode,
        "AI_GENERATION_FAILED" | "AI_DAILY_BUDGET_EXHAUSTED" | "AI_CAMPAIGN_BUDGET_EXHAUSTED"
      >;
      message: string;
      /** Worth trying again later (provider throttled or down, daily budget renewing). */
      transient: boolean;
      retryAfterMs?: number;
      promptVersionHash: string;
    };

/**
 * The one path every personalized email takes (previews, the playground, and send time): the store
 * first (identical inputs reuse the stored email and cost nothing), then the budgets, then the model
 * with its retries, then the store and the usage log.
 */
/**
 * D1 statements a caller wants written together with personalize's own (the playground runner's
 * progress), to save round trips: `first` with the store lookup, `withNew` with a new generation
 * (given its input hash, to refer to the stored row).
 */
export interface PersonalizeWrites {
  first?: D1PreparedStatement[];
  withNew?: (key: { userId: string; inputHash: string }) => D1PreparedStatement[];
}

export async function personalize(
  runtime: AiRuntime,
  job: PersonalizeJob,
  retry: RetryPolicy,
  writes: PersonalizeWrites = {},
  now = Date.now(),
): Promise<PersonalizeResult> {
  const { env, settings, provider, userId } = runtime;
  const batch = runtime.batch ?? directBatch(env.DB);
  const version = await promptVersionHash(job.prompt.text, modelSettingsOf(settings));
  const inputHash = await generationInputHash(version, job.input, job.stepConfigFingerprint);
  const { stored, used } = await lookupGeneration(
    env.DB,
    { userId, campaignId: job.campaignId, inputHash },
    now,
    writes.first,
    batch,
  );
  if (stored) return { ok: true, generation: stored, fromCache: true, promptVersionHash: version };

  const stop = budgetStop(used, settings, job.campaignId !== null, now);
  if (stop) {
    return {
      ok: false,
      code: stop.code,
      message: stop.message,
      transient: stop.retryAfterMs !== undefined,
      ...(stop.retryAfterMs === undefined ? {} : { retryAfterMs: stop.retryAfterMs }),
      promptVersionHash: version,
    };
  }

  const outcome = await generateEmail(provider, buildMessages(job.prompt, job.input), {
    temperature: settings.temperature,
    maxOutputTokens: settings.maxOutputTokens,
    timeoutMs: settings.timeoutMs,
    retry,
  });
  const usage: UsageEntry[] = outcome.calls.map((call) => ({
    userId,
    campaignId: job.campaignId,
    stepIndex: job.stepIndex,
    purpose: job.purpose,
    provider: settings.kind,
    model: call.model,
    tokensIn: call.tokensIn,
    tokensOut: call.tokensOut,
    latencyMs: call.latencyMs,
    outcome: call.outcome,
    error: call.error,
  }));
  if (!outcome.ok) {
    await recordUsage(env.DB, usage, Date.now(), batch);
    return {
      ok: false,
      code: "AI_GENERATION_FAILED",
      message: `The AI provider (${settings.model}) failed: ${outcome.message}`,
      transient: outcome.transient,
      ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }),
      promptVersionHash: version,
    };
  }
  const generation = await saveGeneration(
    env.DB,
    {
      userId,
      inputHash,
      campaignId: job.campaignId,
      stepIndex: job.stepIndex,
      subject: outcome.subject,
      body: outcome.body,
      provider: settings.kind,
      model: outcome.model,
      promptSource: job.prompt.source,
      promptVersionHash: version,
      stepConfigFingerprint: job.stepConfigFingerprint,
      tokensIn: usage.reduce((n, u) => n + u.tokensIn, 0),
      tokensOut: usage.reduce((n, u) => n + u.tokensOut, 0),
      latencyMs: usage.reduce((n, u) => n + u.latencyMs, 0),
    },
    usage,
    Date.now(),
    writes.withNew?.({ userId, inputHash }) ?? [],
    batch,
  );
  return { ok: true, generation, fromCache: false, promptVersionHash: version };
}
