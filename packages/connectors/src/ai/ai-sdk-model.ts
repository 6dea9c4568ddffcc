import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, generateText, NoObjectGeneratedError, Output, type LanguageModel, type LanguageModelUsage } from "ai";
import type { AiFailure, AiModel, AiPrompt, AiResult, AiUsage } from "@vendaflow/core/ports/ai-model";
import { aiClassificationSchema, type AiClassification, type AiProviderName } from "@vendaflow/validators/ai";

export interface AiSdkConfig {
  provider: AiProviderName;
  model: string;
  apiKey?: string;
  /** The provider's API root (…/v1); required for openai-compatible, a stand-in in tests. */
  baseUrl?: string;
}

function languageModel(c: AiSdkConfig): LanguageModel {
  switch (c.provider) {
    // Chat Completions, not the Responses API: the wire format every compatible endpoint speaks.
    case "openai":
      return createOpenAI({ apiKey: c.apiKey, ...(c.baseUrl ? { baseURL: c.baseUrl } : {}) }).chat(c.model);
    case "anthropic":
      return createAnthropic({ apiKey: c.apiKey, ...(c.baseUrl ? { baseURL: c.baseUrl } : {}) })(c.model);
    case "openai-compatible":
      if (!c.baseUrl) throw new Error("AI_BASE_URL is required for openai-compatible");
      return createOpenAICompatible({ name: "compatible", baseURL: c.baseUrl, apiKey: c.apiKey, supportsStructuredOutputs: true }).chatModel(c.model);
  }
}

const usageOf = (u: LanguageModelUsage | undefined): AiUsage => ({ inputTokens: u?.inputTokens ?? 0, outputTokens: u?.outputTokens ?? 0 });
const NO_USAGE: AiUsage = { inputTokens: 0, outputTokens: 0 };

/** Every way a call fails, as one of four outcomes; the caller falls back to the rules. */
function failureOf(err: unknown): { failure: AiFailure; usage: AiUsage; detail: string } {
  const e = err as { name?: string; message?: string; cause?: unknown };
  const detail = (e?.message ?? String(err)).slice(0, 200);
  if (e?.name === "TimeoutError" || e?.name === "AbortError" || (e?.cause as { name?: string } | undefined)?.name === "TimeoutError") return { failure: "timeout", usage: NO_USAGE, detail };
  if (APICallError.isInstance(err)) return { failure: err.statusCode === 429 ? "rate_limited" : "provider_error", usage: NO_USAGE, detail };
  // Text that is not JSON, or JSON that is not the schema: the model answered, so its tokens count.
  if (NoObjectGeneratedError.isInstance(err)) return { failure: "malformed", usage: usageOf(err.usage), detail };
  return { failure: "provider_error", usage: NO_USAGE, detail };
}

/**
 * The AiModel port on the Vercel AI SDK. No retries (a 429 or an outage must not hold a lead's
 * message: the rules answer instead) and a hard timeout per call.
 */
export function aiSdkModel(config: AiSdkConfig): AiModel {
  const model = languageModel(config);

  async function run<T>(prompt: AiPrompt, call: (signal: AbortSignal) => Promise<{ value: T; usage: LanguageModelUsage }>): Promise<AiResult<T>> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const { value, usage } = await call(AbortSignal.timeout(prompt.timeoutMs));
      return { ok: true, value, usage: usageOf(usage), latencyMs: latency() };
    } catch (err) {
      return { ok: false, ...failureOf(err), latencyMs: latency() };
    }
  }

  return {
    provider: config.provider,
    model: config.model,
    classify: (prompt) =>
      run<AiClassification>(prompt, async (abortSignal) => {
        const r = await generateText({
          model,
          system: prompt.system,
          prompt: prompt.user,
          temperature: 0,
          maxOutputTokens: prompt.maxOutputTokens,
          maxRetries: 0,
          abortSignal,
          output: Output.object({ schema: aiClassificationSchema, name: "classification" }),
        });
        return { value: r.output, usage: r.usage };
      }),
    summarize: (prompt) =>
      run<string>(prompt, async (abortSignal) => {
        const r = await generateText({ model, system: prompt.system, prompt: prompt.user, temperature: 0, maxOutputTokens: prompt.maxOutputTokens, maxRetries: 0, abortSignal });
        return { value: r.text.trim(), usage: r.usage };
      }),
  };
}
