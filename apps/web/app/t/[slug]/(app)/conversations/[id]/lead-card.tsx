import type { BantExplanation } from "@vendaflow/validators/bant-explanation";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import type { ReactNode } from "react";
import { LeadScoreFacts } from "@/components/crm/lead-score-facts";
import { CardLoading, onDemand } from "@/components/loading";
import { bot as botText } from "@/lib/i18n/pt-br/bot";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { leadScore as leadScoreText } from "@/lib/i18n/pt-br/lead-score";
import { fullDateTime, stageVariant } from "@/app/t/[slug]/(app)/conversations/format";
import { leadStageLabel } from "@/lib/i18n/pt-br/lead-stages";
import { formatPhone } from "@vendaflow/validators/phone-display";
import type { Detail } from "./payload";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { bot: botText, common: commonText, conversations: conversationsText, leadScore: leadScoreText };


// Rarely used parts of the card load after it: the BANT explanation, the consent ledger and the
// conversion to a deal (a qualified lead's one-time action).
const ConvertLeadButton = onDemand(() => import("@/components/crm/convert-lead-button").then((m) => m.ConvertLeadButton), () => <CardLoading className="h-9" />);
const ScoreExplanation = onDemand(() => import("@/components/score-explanation").then((m) => m.ScoreExplanation), () => <CardLoading className="h-16" />);
const ConsentPanel = onDemand(() => import("@/components/privacy/consent-panel").then((m) => m.ConsentPanel), () => <CardLoading className="h-24" />);

/**
 * The lead beside its conversation. The big number is the lead's BANT score once a qualification
 * has recorded it; before that (the bot still asking, or a handoff mid-way) the recorded score is 0,
 * and the card shows the points so far, saying so, rather than a 0 above answers worth 70.
 */
export function LeadCard({ conversation: l, explanation, scoreSoFar, canConvert = false }: { conversation: Detail["conversation"]; explanation: BantExplanation; scoreSoFar: number; canConvert?: boolean }) {
  const recorded = l.stage !== "new";
  const score = recorded ? l.bant_score : scoreSoFar;
  return (
    <Card className="gap-4 lg:sticky lg:top-4" data-testid="lead-card">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center justify-between gap-2">
          <span>{t.conversations.leadCard}</span>
          <Badge variant={stageVariant(l.stage)} data-testid="lead-stage" data-stage={l.stage}>{leadStageLabel(l.stage)}</Badge>
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-5">
        {canConvert && l.stage === "qualified" ? <ConvertLeadButton leadId={l.lead_id} /> : null}
        <p data-testid="bant-score" data-score={score} data-recorded={recorded}>
          <span className="text-4xl font-bold tracking-tight tabular-nums">{score}</span>{" "}
          <span className="text-sm text-muted-foreground">{recorded ? t.conversations.points : t.conversations.pointsSoFar}</span>
        </p>

        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
          <Row label={t.common.name}>{l.name || t.conversations.visitor}</Row>
          <Row label={t.common.email}>{l.email || "—"}</Row>
          <Row label={t.conversations.phone}>{l.phone ? formatPhone(l.phone) : "—"}</Row>
        </dl>

        {l.possible_duplicate_of ? (
          <Alert variant="warning" data-testid="possible-duplicate"><AlertDescription>{t.conversations.duplicate} <a className="underline" href={`/leads/${l.lead_id}`}>{t.conversations.reviewDuplicate}</a></AlertDescription></Alert>
        ) : null}

        <section className="space-y-2">
          <h2 className="text-sm font-semibold">{t.conversations.bantTitle}</h2>
          <p className="text-xs text-muted-foreground">{t.bot.explanation.hint}</p>
          <ScoreExplanation explanation={explanation} score={score} />
        </section>

        <section className="space-y-2">
          <h2 className="text-sm font-semibold">{t.leadScore.title}</h2>
          <LeadScoreFacts score={l.lead_score} facts={l.lead_score_facts} />
        </section>

        <section className="space-y-2">
          <h2 className="text-sm font-semibold">{t.conversations.tags}</h2>
          {l.tags.length ? (
            <ul className="flex flex-wrap gap-1.5">{l.tags.map((tag) => <li key={tag}><Badge variant="secondary">{tag}</Badge></li>)}</ul>
          ) : (
            <p className="text-sm text-muted-foreground">{t.conversations.noTags}</p>
          )}
        </section>

        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
          <Row label={t.conversations.consent}>
            {l.marketing_consent ? <Badge variant="success">{t.conversations.consentYes}</Badge> : <Badge variant="secondary">{t.conversations.consentNo}</Badge>}
          </Row>
          {l.opted_out_at ? <Row label={t.conversations.optedOut}><span className="text-destructive">{fullDateTime(l.opted_out_at)}</span></Row> : null}
          {l.handoff_reason ? <Row label={t.conversations.handoffReason}>{t.conversations.handoffReasons[l.handoff_reason as keyof typeof t.conversations.handoffReasons] ?? l.handoff_reason}</Row> : null}
        </dl>

        <ConsentPanel leadId={l.lead_id} canEdit={canConvert} />
      </CardContent>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}
