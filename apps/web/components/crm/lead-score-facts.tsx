import { leadScoreFacts } from "@vendaflow/validators/plain/lead-score";
import { leadScore as leadScoreText } from "@/lib/i18n/pt-br/lead-score";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { leadScore: leadScoreText };

/** The lead score and every fact that made it: which answer or fact added how many points (LGPD art. 20). */
export function LeadScoreFacts({ score, facts }: { score: number; facts: unknown }) {
  const list = leadScoreFacts(facts) ?? [];
  return (
    <div className="space-y-2" data-testid="lead-score" data-score={score}>
      <p><span className="text-2xl font-bold tabular-nums">{score}</span> <span className="text-sm text-muted-foreground">{t.leadScore.points}</span></p>
      {list.length ? (
        <ul className="divide-y rounded-lg border text-sm">
          {list.map((f, i) => (
            <li key={`${f.kind}-${f.key}-${i}`} className="flex items-start justify-between gap-3 px-3 py-2" data-testid="lead-score-fact" data-kind={f.kind} data-points={f.points}>
              <span className="min-w-0 break-words"><span className="block text-xs text-muted-foreground">{t.leadScore.kinds[f.kind]}</span>{f.reason}</span>
              <span className="shrink-0 font-semibold tabular-nums">{f.points >= 0 ? `+${f.points}` : f.points}</span>
            </li>
          ))}
        </ul>
      ) : <p className="text-sm text-muted-foreground">{t.leadScore.empty}</p>}
    </div>
  );
}
