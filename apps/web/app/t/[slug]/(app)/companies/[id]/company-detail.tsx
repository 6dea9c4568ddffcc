"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { DetailLoading, DetailStates } from "@/components/crm/detail-states";
import { onDemand } from "@/components/loading";
import { LINKED_LIMIT } from "@/lib/crm/linked-limit";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

const c = t.crm.companies;
const back = { href: "/companies", label: c.detail.back };

// The loaded company (facts, contacts, deals, timeline, edit dialog) is not in the route's first load
// (200 KB gzipped budget): its code is fetched on mount, beside the company's queries, and the
// skeleton stands in until both are.
const loadView = () => import("./company-view").then((m) => m.CompanyView);
const CompanyView = onDemand(loadView, () => <DetailLoading />);

export function CompanyDetail({ id, canWrite, me }: { id: string; canWrite: boolean; me: string }) {
  const trpc = useTRPC();
  const company = useQuery(trpc.crm.companies.get.queryOptions({ id }));
  const contacts = useQuery(trpc.crm.contacts.list.queryOptions({ companyId: id, limit: LINKED_LIMIT }));
  useEffect(() => {
    // Fetches the view's code while the queries run (the module system keeps it for onDemand's render).
    void loadView();
  }, []);
  if (!company.data) return <DetailStates query={company} notFound={c.detail.notFound} back={back} />;
  return <CompanyView id={id} company={company.data} contacts={contacts} back={back} canWrite={canWrite} me={me} />;
}
