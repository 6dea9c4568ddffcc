import type { AiClassification } from "@vendaflow/validators/ai";

/** The prompt core builds (see core/assist/prompts.ts); the adapter only sends it. */
export interface AiPrompt {
  system: string;
  user: string;
  /** The whole call, network included; past it the call counts as a timeout. */
  timeoutMs: number;
  maxOutputTokens: number;
}

export type AiFailure = "timeout" | "rate_limited" | "malformed" | "provider_error";

export interface AiUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Never throws: every way a call can go wrong is a value, so callers fall back to the rules. */
export type AiResult<T> =
  | { ok: true; value: T; usage: AiUsage; latencyMs: number }
  | { ok: false; failure: AiFailure; usage: AiUsage; latencyMs: number; detail?: string };

/**
 * A language model behind the Vercel AI SDK (OpenAI, Anthropic or any OpenAI-compatible
 * endpoint, chosen by env in apps/web/lib/server/deps.ts). Adapter:
 * `connectors/ai/ai-sdk-model.ts`. No embedded adapter: without AI_PROVIDER the layer is off.
 */
export interface AiModel {
  readonly provider: string;
  readonly model: string;
  /** A structured choice, validated against `aiClassificationSchema` before it is returned. */
  classify(prompt: AiPrompt): Promise<AiResult<AiClassification>>;
  /** Short plain text (the handoff summary). */
  summarize(prompt: AiPrompt): Promise<AiResult<string>>;
}

export interface AiTranscriptionRequest {
  audio: Uint8Array;
  /** The stored file's type (audio/ogg for WhatsApp voice notes). */
  mimeType: string;
  /** ISO-639-1 hint (pt): fewer misreadings of short answers. */
  language: string;
  timeoutMs: number;
}

/**
 * Speech to text (voice notes), through the provider's transcription model (OpenAI's
 * `POST /v1/audio/transcriptions`, also spoken by OpenAI-compatible services). Adapter:
 * `connectors/ai/ai-sdk-transcriber.ts`. Never throws, like AiModel. Usage counts no tokens.
 */
export interface AiTranscriber {
  readonly provider: string;
  readonly model: string;
  transcribe(req: AiTranscriptionRequest): Promise<AiResult<{ text: string; durationSeconds: number | null }>>;
}
