"use client";
import { Alert, AlertDescription, AlertTitle } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Skeleton } from "@vendaflow/ui/skeleton";
import type { RouterOutputs } from "@vendaflow/api/root";
import type { leadSources } from "@vendaflow/validators/crm";
import Link from "next/link";
import { lazy, Suspense, useState } from "react";
import { ActivityTimeline } from "@/components/crm/activity-timeline";
import { AdCampaignFacts } from "@/components/crm/ad-campaign-facts";
import { LeadScoreFacts } from "@/components/crm/lead-score-facts";
import { dateCell, TagsCell } from "@/components/crm/cells";
import type { Back } from "@/components/crm/detail-states";
import { DetailLayout, FactList, FactsCard } from "@/components/crm/entity-detail";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { crmLeads } from "@/lib/i18n/pt-br/crm-leads";
import { leadDuplicate as leadDuplicateText } from "@/lib/i18n/pt-br/lead-merge";
import { leadStageLabel } from "@/lib/i18n/pt-br/lead-stages";
import { formatPhone } from "@vendaflow/validators/phone-display";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText, crmLists: { leads: crmLeads }, leadDuplicate: leadDuplicateText };
// The merge dialog loads when asked for: the lead page's budget carries none of it.
const MergeLeadDialog = lazy(() => import("./merge-lead-dialog").then((x) => ({ default: x.MergeLeadDialog })));

const l = t.crmLists.leads;

type Lead = RouterOutputs["crmLists"]["lead"];
type Score = RouterOutputs["crm"]["leads"]["score"];

/** The loaded lead page (lead-detail.tsx loads it on demand); `score` is undefined until its query answers. */
export function LeadView({ id, lead: r, score, back, canWrite, me }: { id: string; lead: Lead; score: Score | undefined; back: Back; canWrite: boolean; me: string }) {
  const [merging, setMerging] = useState(false);
  const mm = t.leadDuplicate;
  return (
    <DetailLayout
      back={back}
      title={r.name ?? l.unnamed}
      description={<Badge variant="secondary">{leadStageLabel(r.stage)}</Badge>}
      actions={canWrite ? <Button variant="outline" onClick={() => setMerging(true)}>{mm.button}</Button> : null}
      side={
        <>
          {r.duplicate ? (
            <Alert variant="warning" aria-label={mm.title} data-testid="lead-duplicate">
              <AlertTitle>{mm.title}</AlertTitle>
              <AlertDescription className="text-card-foreground">
                <p><Link className="underline" href={`/leads/${r.duplicate.id}`}>{r.duplicate.name ?? l.unnamed}</Link> {mm.text}</p>
                {canWrite ? <Button size="sm" variant="outline" onClick={() => setMerging(true)}>{mm.review}</Button> : null}
              </AlertDescription>
            </Alert>
          ) : null}
          <FactsCard>
            <FactList
              entityType="lead"
              custom={r.custom_fields}
              facts={[
                [
                  l.detail.bantScore,
                  <>
                    <span className="font-semibold tabular-nums" data-testid="lead-bant-score">{r.bant_score}</span>
                    <span className="block text-xs text-muted-foreground" data-testid="lead-bant-hint">{l.detail.bantHint}</span>
                  </>,
                ],
                [t.crm.contacts.form.email, r.email ?? t.crm.none, "truncate"],
                [t.crm.contacts.form.phone, r.phone ? formatPhone(r.phone) : t.crm.none],
                [l.columns.source, l.sources[r.source as (typeof leadSources)[number]] ?? r.source],
                r.campaign ? [l.detail.ad, <AdCampaignFacts campaign={r.campaign} />] : null,
                [l.detail.company, r.company_id && r.company_name ? <Link className="hover:underline" href={`/companies/${r.company_id}`}>{r.company_name}</Link> : (r.company ?? t.crm.none)],
                [l.detail.contact, r.contact_id && r.contact_name ? <Link className="hover:underline" href={`/contacts/${r.contact_id}`}>{r.contact_name}</Link> : t.crm.none],
                [t.crm.tags, <TagsCell tags={r.tags} />],
                [l.columns.created, dateCell(r.created_at)],
                r.conversation_id ? [l.detail.conversation, <Link className="hover:underline" href={`/conversations/${r.conversation_id}`}>{l.detail.openConversation}</Link>] : null,
              ]}
            />
          </FactsCard>
          <FactsCard title={l.detail.score}>
            <p className="mb-3 text-xs text-muted-foreground" data-testid="lead-score-hint">{l.detail.scoreHint}</p>
            {score ? <LeadScoreFacts score={score.score} facts={score.facts} /> : <Skeleton className="h-16" aria-busy="true" aria-label={t.common.loading} />}
          </FactsCard>
        </>
      }
      timeline={<ActivityTimeline target={{ leadId: id }} canWrite={canWrite} me={me} />}
    >
      {merging ? (
        <Suspense fallback={null}>
          <MergeLeadDialog lead={r} duplicate={r.duplicate} onClose={() => setMerging(false)} />
        </Suspense>
      ) : null}
    </DetailLayout>
  );
}
