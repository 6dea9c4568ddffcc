"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { DetailLoading, DetailStates } from "@/components/crm/detail-states";
import { onDemand } from "@/components/loading";
import { crmLeads } from "@/lib/i18n/pt-br/crm-leads";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crmLists: { leads: crmLeads } };

const l = t.crmLists.leads;
const back = { href: "/leads", label: l.detail.back };

// The loaded lead (facts, score, timeline) is not in the route's first load (200 KB gzipped budget):
// its code is fetched on mount, beside the lead's own query, and the skeleton stands in until both are.
const loadView = () => import("./lead-view").then((m) => m.LeadView);
const LeadView = onDemand(loadView, () => <DetailLoading />);

/** A lead: its facts, what it became (contact, company), its conversation, and the merged timeline. */
export function LeadDetail({ id, canWrite, me }: { id: string; canWrite: boolean; me: string }) {
  const trpc = useTRPC();
  const lead = useQuery(trpc.crmLists.lead.queryOptions({ id }));
  const score = useQuery(trpc.crm.leads.score.queryOptions({ id }));
  useEffect(() => {
    // Fetches the view's code while the queries run (the module system keeps it for onDemand's render).
    void loadView();
  }, []);
  if (!lead.data) return <DetailStates query={lead} notFound={l.detail.notFound} back={back} />;
  return <LeadView id={id} lead={lead.data} score={score.data} back={back} canWrite={canWrite} me={me} />;
}
