import { createOpenAI } from "@ai-sdk/openai";
import { APICallError, experimental_transcribe as transcribe, NoTranscriptGeneratedError } from "ai";
import type { AiFailure, AiTranscriber } from "@vendaflow/core/ports/ai-model";

export interface AiSdkTranscriberConfig {
  /** Only OpenAI's audio API shape: OpenAI itself or an OpenAI-compatible service (Groq, a local Whisper server…). */
  provider: "openai" | "openai-compatible";
  /** e.g. whisper-1, gpt-4o-mini-transcribe. */
  model: string;
  apiKey?: string;
  baseUrl?: string;
}

const NO_USAGE = { inputTokens: 0, outputTokens: 0 };

function failureOf(err: unknown): { failure: AiFailure; detail: string } {
  const e = err as { name?: string; message?: string; cause?: unknown };
  const detail = (e?.message ?? String(err)).slice(0, 200);
  if (e?.name === "TimeoutError" || e?.name === "AbortError" || (e?.cause as { name?: string } | undefined)?.name === "TimeoutError") return { failure: "timeout", detail };
  if (APICallError.isInstance(err)) return { failure: err.statusCode === 429 ? "rate_limited" : "provider_error", detail };
  if (NoTranscriptGeneratedError.isInstance(err)) return { failure: "malformed", detail };
  return { failure: "provider_error", detail };
}

/**
 * The AiTranscriber port on the AI SDK's `transcribe` with the OpenAI provider's transcription
 * model (multipart `POST <baseUrl>/audio/transcriptions`). No retries (the lead is waiting: a
 * failure re-asks instead) and a hard timeout per call.
 */
export function aiSdkTranscriber(config: AiSdkTranscriberConfig): AiTranscriber {
  const model = createOpenAI({ apiKey: config.apiKey, ...(config.baseUrl ? { baseURL: config.baseUrl } : {}) }).transcription(config.model);
  return {
    provider: config.provider,
    model: config.model,
    async transcribe(req) {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        const r = await transcribe({ model, audio: req.audio, maxRetries: 0, abortSignal: AbortSignal.timeout(req.timeoutMs), providerOptions: { openai: { language: req.language } } });
        return { ok: true, value: { text: r.text.trim(), durationSeconds: r.durationInSeconds ?? null }, usage: NO_USAGE, latencyMs: latency() };
      } catch (err) {
        return { ok: false, ...failureOf(err), usage: NO_USAGE, latencyMs: latency() };
      }
    },
  };
}
