import type { BotEffect } from "@vendaflow/core/bot/types";
import type { Flow } from "@vendaflow/validators/flow";
import { flows as flowsText } from "@/lib/i18n/pt-br/flows";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { flows: flowsText };

export type EffectTone = "muted" | "success" | "warning" | "info";

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One engine effect as the admin reads it in the simulator (pt-BR): steps by their question, not their id. */
export function describeEffect(effect: BotEffect, flow: Flow): { text: string; tone: EffectTone } {
  const e = t.flows.effect;
  switch (effect.kind) {
    case "schedule_timeout":
      return { text: e.scheduleTimeout(clip(flow.steps.find((s) => s.id === effect.stepId)?.question ?? effect.stepId), effect.delaySeconds), tone: "muted" };
    case "qualify":
      return { text: e.qualify(effect.score), tone: "success" };
    case "not_qualified":
      return { text: e.notQualified(effect.score), tone: "warning" };
    case "handoff":
      return { text: e.handoff(e.handoffReasons[effect.reason]), tone: "info" };
    case "opt_out":
      return { text: e.optOut, tone: "warning" };
    case "update_lead":
      return { text: e.updateLead([effect.name, effect.email].filter(Boolean).join(", ")), tone: "muted" };
    case "possible_duplicate_email":
      return { text: e.duplicateEmail(effect.email), tone: "muted" };
    case "close":
      return { text: e.close(e.closeReasons[effect.reason]), tone: "info" };
    case "offer_scheduling":
      return { text: e.offerScheduling(effect.url), tone: "success" };
    case "tag":
      return { text: e.tag(effect.tag), tone: "info" };
  }
}
