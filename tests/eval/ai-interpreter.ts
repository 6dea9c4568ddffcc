import { aiSdkModel } from "@vendaflow/connectors/ai/ai-sdk-model";
import { askModel } from "@vendaflow/core/assist/read-with-ai";
import { aiQuestionFor } from "@vendaflow/core/assist/question";
import { BOT_DEFAULTS } from "@vendaflow/core/bot/engine";
import type { Interpreter } from "@vendaflow/core/bot/eval/evaluate";
import { AI_LAYER_DEFAULTS } from "@vendaflow/core/deps";
import type { AiModel } from "@vendaflow/core/ports/ai-model";
import { aiProviders, type AiProviderName } from "@vendaflow/validators/ai";
import { startAiStandIn, type AiStandIn } from "../stand-ins/ai-provider";

// The AI layer for `pnpm eval`: the same question, model call and acceptance policy the app runs
// (core/assist), minus the database gate (settings, budget, log). The model comes from the same
// AI_* variables as the app, or from the local stand-in with --ai-stand-in.

export interface EvalAi {
  label: string;
  interpret: Interpreter;
  outcomes: Map<string, number>;
  latencies: number[];
  close(): Promise<void>;
}

export async function evalAi(argv: string[], env: NodeJS.ProcessEnv): Promise<EvalAi | null> {
  let standIn: AiStandIn | null = null;
  let model: AiModel;
  if (argv.includes("--ai-stand-in")) {
    standIn = await startAiStandIn();
    model = aiSdkModel({ provider: "openai-compatible", model: "stand-in", apiKey: "local", baseUrl: standIn.baseUrl });
  } else if (env.AI_PROVIDER) {
    if (!(aiProviders as readonly string[]).includes(env.AI_PROVIDER)) throw new Error(`AI_PROVIDER must be one of ${aiProviders.join(", ")}`);
    if (!env.AI_MODEL) throw new Error("AI_MODEL is required when AI_PROVIDER is set");
    model = aiSdkModel({ provider: env.AI_PROVIDER as AiProviderName, model: env.AI_MODEL, apiKey: env.AI_API_KEY, baseUrl: env.AI_BASE_URL });
  } else {
    return null;
  }
  const cfg = {
    threshold: env.AI_CONFIDENCE_THRESHOLD ? Number(env.AI_CONFIDENCE_THRESHOLD) : AI_LAYER_DEFAULTS.threshold,
    timeoutMs: env.AI_TIMEOUT_MS ? Number(env.AI_TIMEOUT_MS) : AI_LAYER_DEFAULTS.timeoutMs,
  };
  const outcomes = new Map<string, number>();
  const latencies: number[] = [];
  const interpret: Interpreter = async (flow, state, text, now) => {
    const q = aiQuestionFor(flow, state, { kind: "text", text }, now, BOT_DEFAULTS.utcOffsetMinutes);
    if (!q) return null;
    const { r, verdict } = await askModel(model, q, cfg);
    const outcome = r.ok ? verdict!.outcome : r.failure;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    latencies.push(r.latencyMs);
    return verdict?.outcome === "accepted" ? verdict.reading : null;
  };
  return {
    label: standIn ? "rules + AI (local stand-in: word overlap, not a model)" : `rules + AI (${model.provider}/${model.model})`,
    interpret,
    outcomes,
    latencies,
    close: async () => {
      await standIn?.close();
    },
  };
}
