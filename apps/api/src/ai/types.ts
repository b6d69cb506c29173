import type { AiProviderKind } from "@cadence/contract";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface CompletionRequest {
  messages: ChatMessage[];
  temperature: number | null;
  maxOutputTokens: number | null;
  /** Deadline of the whole exchange. */
  timeoutMs: number;
}

export interface CompletionResult {
  /** The first choice's message content, as the model wrote it. */
  content: string;
  tokensIn: number;
  tokensOut: number;
  /** The provider reported no usage: tokens were estimated from the text (about 4 characters a token). */
  tokensEstimated: boolean;
  latencyMs: number;
  /** The model that answered (the provider's own name for it, when it says). */
  model: string;
}

/** One way to reach a model. Implementations: Chat Completions over HTTP, the Workers AI binding. */
export interface AiProvider {
  readonly kind: AiProviderKind;
  readonly model: string;
  /** Throws AiProviderError. */
  complete(request: CompletionRequest): Promise<CompletionResult>;
}

/**
 * A call that gave no answer. `transient` (429, 408, 5xx, timeout, network) may succeed later, after
 * `retryAfterMs` when the provider said; anything else will fail the same way again.
 */
export class AiProviderError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly details: { retryAfterMs?: number; status?: number; latencyMs?: number } = {},
  ) {
    super(message);
  }
}

/** About 4 characters a token: the usual rule of thumb when a provider reports no usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
