"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { DetailLoading, DetailStates } from "@/components/crm/detail-states";
import { onDemand } from "@/components/loading";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

const back = { href: "/deals", label: t.crm.deals.detail.back };

// The loaded deal (facts, actions, timeline, edit and lost dialogs) is not in the route's first load
// (200 KB gzipped budget): its code is fetched on mount, beside the deal's own query, and the
// skeleton stands in until both are.
const loadView = () => import("./deal-view").then((m) => m.DealView);
const DealView = onDemand(loadView, () => <DetailLoading />);

export function DealDetail({ id, canWrite, me }: { id: string; canWrite: boolean; me: string }) {
  const trpc = useTRPC();
  const deal = useQuery(trpc.crm.deals.get.queryOptions({ id }));
  const pipelines = useQuery(trpc.crm.pipelines.list.queryOptions());
  const reasons = useQuery(trpc.crm.pipelines.lostReasons.queryOptions({ includeInactive: true }));
  useEffect(() => {
    // Fetches the view's code while the queries run (the module system keeps it for onDemand's render).
    void loadView();
  }, []);
  if (!deal.data) return <DetailStates query={deal} notFound={t.crm.deals.detail.notFound} back={back} />;
  return <DealView id={id} deal={deal.data} pipelines={pipelines.data} reasons={reasons.data} back={back} canWrite={canWrite} me={me} />;
}
