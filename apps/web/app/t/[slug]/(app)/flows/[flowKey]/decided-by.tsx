import type { Reading } from "@vendaflow/core/bot/types";
import { bot as botText } from "@/lib/i18n/pt-br/bot";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { bot: botText };


/** One line under a simulated answer: which option, read how (number, rule, synonym, AI with confidence), for how many points. */
export function decidedBy(reading: Reading): string {
  if (reading.intent) {
    const how = reading.intent.via === "ai" ? `${t.bot.via.ai}${reading.intent.confidence !== undefined ? `, ${t.bot.simulator.confidence(reading.intent.confidence)}` : ""}` : t.bot.via.rule;
    return `${t.bot.simulator.intent[reading.intent.intent] ?? reading.intent.intent} (${how}: “${reading.intent.evidence}”)`;
  }
  const parts: string[] = [];
  if (reading.frustration) parts.push(t.bot.simulator.frustration(reading.frustration));
  const a = reading.answer;
  if (a) {
    const d = a.decision;
    const how = d
      ? [t.bot.via[d.via], d.rule && d.via !== "band" ? `“${d.rule}”` : null, d.evidence ? `“${d.evidence}”` : null, d.confidence !== undefined ? t.bot.simulator.confidence(d.confidence) : null, d.keywords?.length ? d.keywords.map((k) => `${k.keyword} ${t.bot.simulator.points(k.score)}`).join(", ") : null]
          .filter(Boolean)
          .join(" · ")
      : null;
    parts.push([a.optionId ? t.bot.simulator.option(a.optionId) : null, how, t.bot.simulator.points(a.score)].filter(Boolean).join(" — "));
  } else if (reading.invalid) parts.push(t.bot.simulator.invalid);
  return parts.join("; ");
}

export function DecidedBy({ reading }: { reading: Reading | undefined }) {
  if (!reading) return null;
  const text = decidedBy(reading);
  if (!text) return null;
  return (
    <p className="text-right text-xs text-muted-foreground" data-testid="sim-decided-by" data-via={reading.intent ? `intent:${reading.intent.via}` : (reading.answer?.decision?.via ?? "")}>
      {t.bot.simulator.decidedBy}: {text}
    </p>
  );
}
