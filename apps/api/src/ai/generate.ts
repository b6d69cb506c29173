import { parseEmailOutput } from "./output";
import { correctionMessages } from "./prompt";
import { type AiProvider, AiProviderError, type ChatMessage } from "./types";

/** How a caller waits out a provider's 429 or 5xx: attempts in all, backoff, the longest wait it accepts. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  /** A Retry-After (or backoff) longer than this is not waited for: the call fails transiently with it. */
  maxWaitMs: number;
}

/** A request a person waits for (previews). */
export const INTERACTIVE_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxWaitMs: 10_000 };
/** Background work (the playground); a longer Retry-After reschedules the lead instead of waiting. */
export const BACKGROUND_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxWaitMs: 30_000 };

/** One call to the model, for the usage log. */
export interface CallRecord {
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  model: string;
  outcome: "ok" | "invalid_output" | "error";
  error: string | null;
}

export type GenerationOutcome =
  | { ok: true; subject: string; body: string; model: string; calls: CallRecord[] }
  | { ok: false; message: string; transient: boolean; retryAfterMs?: number; calls: CallRecord[] };

export interface GenerateOptions {
  temperature: number | null;
  maxOutputTokens: number | null;
  timeoutMs: number;
  retry: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Asks the model for one email and checks the answer. A 429, 408, 5xx, timeout or network failure is
 * retried with exponential backoff (the provider's Retry-After when it gives one); an unusable answer
 * (not JSON, empty, a merge tag left, too long) is asked for once more with the reason. Every call is
 * returned for the usage log, whatever the outcome.
 */
export async function generateEmail(
  provider: AiProvider,
  messages: ChatMessage[],
  options: GenerateOptions,
): Promise<GenerationOutcome> {
  const sleep = options.sleep ?? realSleep;
  const calls: CallRecord[] = [];
  let conversation = messages;
  let correctedOnce = false;
  let transientFailures = 0;
  for (;;) {
    let result: Awaited<ReturnType<AiProvider["complete"]>>;
    try {
      result = await provider.complete({
        messages: conversation,
        temperature: options.temperature,
        maxOutputTokens: options.maxOutputTokens,
        timeoutMs: options.timeoutMs,
      });
    } catch (err) {
      if (!(err instanceof AiProviderError)) throw err;
      calls.push({
        tokensIn: 0,
        tokensOut: 0,
        latencyMs: err.details.latencyMs ?? 0,
        model: provider.model,
        outcome: "error",
        error: err.message,
      });
      if (!err.transient) return { ok: false, message: err.message, transient: false, calls };
      transientFailures++;
      const backoff = options.retry.baseDelayMs * 2 ** (transientFailures - 1) * (1 + Math.random() * 0.2);
      const wait = Math.round(err.details.retryAfterMs ?? backoff);
      if (transientFailures >= options.retry.attempts || wait > options.retry.maxWaitMs) {
        return { ok: false, message: err.message, transient: true, retryAfterMs: wait, calls };
      }
      await sleep(wait);
      continue;
    }
    const parsed = parseEmailOutput(result.content);
    calls.push({
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      latencyMs: result.latencyMs,
      model: result.model,
      outcome: parsed.ok ? "ok" : "invalid_output",
      error: parsed.ok ? null : parsed.problem,
    });
    if (parsed.ok)
      return { ok: true, subject: parsed.subject, body: parsed.body, model: result.model, calls };
    if (correctedOnce) {
      return {
        ok: false,
        message: `the model's answer was unusable twice: ${parsed.problem}`,
        transient: false,
        calls,
      };
    }
    correctedOnce = true;
    conversation = [...messages, ...correctionMessages(result.content, parsed.problem)];
  }
}
