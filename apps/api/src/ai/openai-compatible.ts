import type { AiJsonMode } from "@cadence/contract";
import {
  callProvider,
  ProviderUnreachableError,
  providerMessage,
  retryAfterMs,
} from "../channels/provider-http";
import {
  type AiProvider,
  AiProviderError,
  type CompletionRequest,
  type CompletionResult,
  estimateTokens,
} from "./types";

/**
 * Providers (base URL + model) that refused `response_format` in this isolate: asked without it from
 * then on, instead of failing first every time.
 */
const refusesJsonMode = new Set<string>();

/** The first choice's message content; some servers send a list of parts instead of a string. */
function firstContent(json: unknown): string {
  const choice = (json as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        part && typeof part === "object" ? String((part as { text?: unknown }).text ?? "") : "",
      )
      .join("");
  }
  return "";
}

function usageOf(json: unknown): { in: number; out: number } | null {
  const usage = (json as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
  if (typeof usage?.prompt_tokens !== "number" || typeof usage.completion_tokens !== "number") return null;
  return { in: usage.prompt_tokens, out: usage.completion_tokens };
}

/**
 * Any OpenAI-compatible Chat Completions endpoint: OpenAI, Groq, Together, OpenRouter, and locally
 * Ollama, vLLM or llama.cpp's server. `POST {baseUrl}/chat/completions`, Bearer key when there is one.
 */
export class OpenAiCompatibleProvider implements AiProvider {
  readonly kind = "openai_compatible" as const;

  constructor(
    private readonly options: { baseUrl: string; apiKey: string | null; model: string; jsonMode: AiJsonMode },
  ) {}

  get model(): string {
    return this.options.model;
  }

  private get jsonKey(): string {
    return `${this.options.baseUrl}|${this.options.model}`;
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const { jsonMode } = this.options;
    const askJson = jsonMode === "json_object" || (jsonMode === "auto" && !refusesJsonMode.has(this.jsonKey));
    try {
      return await this.call(request, askJson);
    } catch (err) {
      // A provider that does not take response_format says so with a 400 (or 422) naming it.
      if (
        jsonMode === "auto" &&
        askJson &&
        err instanceof AiProviderError &&
        (err.details.status === 400 || err.details.status === 422) &&
        /response_format|json/i.test(err.message)
      ) {
        refusesJsonMode.add(this.jsonKey);
        return this.call(request, false);
      }
      throw err;
    }
  }

  private async call(request: CompletionRequest, askJson: boolean): Promise<CompletionResult> {
    const body: Record<string, unknown> = { model: this.options.model, messages: request.messages };
    if (request.temperature !== null) body.temperature = request.temperature;
    if (request.maxOutputTokens !== null) body.max_tokens = request.maxOutputTokens;
    if (askJson) body.response_format = { type: "json_object" };
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const started = Date.now();
    let res: Awaited<ReturnType<typeof callProvider>>;
    try {
      res = await callProvider(
        `${this.options.baseUrl}/chat/completions`,
        { method: "POST", headers, body: JSON.stringify(body) },
        request.timeoutMs,
      );
    } catch (err) {
      const message = err instanceof ProviderUnreachableError ? err.message : String(err);
      throw new AiProviderError(message, true, { latencyMs: Date.now() - started });
    }
    const latencyMs = Date.now() - started;
    if (res.status < 200 || res.status >= 300) {
      const message = `${res.status}: ${providerMessage(res)}`;
      const transient = res.status === 429 || res.status === 408 || res.status >= 500;
      const after = retryAfterMs(res.headers);
      throw new AiProviderError(message, transient, {
        status: res.status,
        latencyMs,
        ...(after === undefined ? {} : { retryAfterMs: after }),
      });
    }
    const content = firstContent(res.json);
    const usage = usageOf(res.json);
    const model = (res.json as { model?: unknown } | null)?.model;
    return {
      content,
      tokensIn: usage?.in ?? estimateTokens(request.messages.map((m) => m.content).join("\n")),
      tokensOut: usage?.out ?? estimateTokens(content),
      tokensEstimated: usage === null,
      latencyMs,
      model: typeof model === "string" && model ? model : this.options.model,
    };
  }
}
