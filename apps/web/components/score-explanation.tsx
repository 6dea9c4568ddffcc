import type { BantExplanation } from "@vendaflow/validators/bant-explanation";
import { Badge } from "@vendaflow/ui/badge";
import { bot as botText } from "@/lib/i18n/pt-br/bot";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { bot: botText, conversations: conversationsText };

const brl = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL", maximumFractionDigits: 0 });

/** The result line of an answer: the option chosen, else the value (a budget in BRL). */
function resultOf(item: BantExplanation["items"][number]): string {
  if (item.optionText) return item.optionText;
  if (item.value === null) return t.conversations.skipped;
  if (typeof item.value === "number") return item.field === "budget" ? brl.format(item.value) : item.value.toLocaleString("pt-BR");
  return item.value;
}

/**
 * The BANT score explained answer by answer: the lead's words, how the assistant read them
 * (button, rule, synonym, AI with its confidence…) and the points each earned. Reused by the
 * conversation, inbox and lead pages.
 */
export function ScoreExplanation({ explanation, score }: { explanation: BantExplanation; score?: number }) {
  if (!explanation.items.length) return <p className="text-sm text-muted-foreground">{t.conversations.noBant}</p>;
  return (
    <div className="space-y-2" data-testid="score-explanation">
      <ul className="divide-y rounded-lg border" data-testid="bant-answers">
        {explanation.items.map((item) => (
          <li key={item.field} className="space-y-1 px-3 py-2 text-sm" data-bant={item.field} data-points={item.points} data-via={item.via ?? ""}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="text-xs text-muted-foreground">{t.conversations.bant[item.field]}</p>
                <p className="break-words">{resultOf(item)}</p>
              </div>
              <span className="shrink-0 text-right font-semibold tabular-nums">
                +{item.points}
                {item.maxPoints !== undefined ? <span className="block text-xs font-normal text-muted-foreground">{t.bot.explanation.outOf(item.maxPoints)}</span> : null}
              </span>
            </div>
            {item.answer && item.via !== "button" && item.answer !== resultOf(item) ? (
              <p className="break-words text-xs text-muted-foreground" title={t.bot.explanation.answered}>“{item.answer}”</p>
            ) : null}
            <details className="text-xs text-muted-foreground">
              <summary className="cursor-pointer select-none">
                {t.bot.explanation.why} {item.via ? <Badge variant="secondary" className="ml-1 align-middle">{t.bot.via[item.via]}{item.via === "ai" && item.confidence !== undefined ? ` ${Math.round(item.confidence * 100)}%` : ""}</Badge> : null}
              </summary>
              <p className="mt-1 break-words" data-testid="bant-reason">{item.reason}</p>
            </details>
          </li>
        ))}
      </ul>
      {score !== undefined && score !== explanation.total ? <p className="text-xs text-muted-foreground">{t.bot.explanation.sumDiffers(explanation.total)}</p> : null}
    </div>
  );
}
