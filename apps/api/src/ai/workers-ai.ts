import type { AiJsonMode } from "@cadence/contract";
import type { AiBinding } from "../base-env";
import {
  type AiProvider,
  AiProviderError,
  type CompletionRequest,
  type CompletionResult,
  estimateTokens,
} from "./types";

/** JSON mode as Workers AI takes it: a JSON schema for the answer. */
const EMAIL_SCHEMA = {
  type: "json_schema",
  json_schema: {
    type: "object",
    properties: { subject: { type: "string" }, body: { type: "string" } },
    required: ["subject", "body"],
  },
};

/** Errors the platform reports for load or limits rather than for the request itself. */
const TRANSIENT =
  /capacity|overloaded|rate|too many|timeout|timed out|temporar|unavailable|internal|\b5\d\d\b|\b429\b/i;

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AiProviderError(`Workers AI gave no answer within ${ms} ms`, true)),
      ms,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The Workers AI binding (`env.AI.run(model, {messages, ...})`), when the deployment binds one. */
export class WorkersAiProvider implements AiProvider {
  readonly kind = "workers_ai" as const;

  constructor(
    private readonly binding: AiBinding,
    readonly model: string,
    private readonly jsonMode: AiJsonMode,
  ) {}

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    if (this.jsonMode === "off") return this.call(request, false);
    try {
      return await this.call(request, true);
    } catch (err) {
      // Older text models refuse a response_format; ask them without it.
      if (this.jsonMode === "auto" && err instanceof AiProviderError && !err.transient)
        return this.call(request, false);
      throw err;
    }
  }

  private async call(request: CompletionRequest, askJson: boolean): Promise<CompletionResult> {
    const inputs: Record<string, unknown> = { messages: request.messages };
    if (request.temperature !== null) inputs.temperature = request.temperature;
    if (request.maxOutputTokens !== null) inputs.max_tokens = request.maxOutputTokens;
    if (askJson) inputs.response_format = EMAIL_SCHEMA;
    const started = Date.now();
    let out: unknown;
    try {
      out = await withDeadline(this.binding.run(this.model, inputs), request.timeoutMs);
    } catch (err) {
      if (err instanceof AiProviderError) throw err;
      const message = `Workers AI: ${err instanceof Error ? err.message : String(err)}`;
      throw new AiProviderError(message, TRANSIENT.test(message), { latencyMs: Date.now() - started });
    }
    const latencyMs = Date.now() - started;
    const response = (out as { response?: unknown } | null)?.response;
    // With a JSON schema some models hand back the object itself rather than its text.
    const content =
      typeof response === "string"
        ? response
        : response && typeof response === "object"
          ? JSON.stringify(response)
          : "";
    const usage = (out as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
    const reported = typeof usage?.prompt_tokens === "number" && typeof usage.completion_tokens === "number";
    return {
      content,
      tokensIn: reported
        ? (usage.prompt_tokens as number)
        : estimateTokens(request.messages.map((m) => m.content).join("\n")),
      tokensOut: reported ? (usage.completion_tokens as number) : estimateTokens(content),
      tokensEstimated: !reported,
      latencyMs,
      model: this.model,
    };
  }
}
