"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { DetailLoading, DetailStates } from "@/components/crm/detail-states";
import { onDemand } from "@/components/loading";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

const c = t.crm.contacts;
const back = { href: "/contacts", label: c.detail.back };

// The loaded contact (facts, deals, timeline, edit dialog) is not in the route's first load (200 KB
// gzipped budget): its code is fetched on mount, beside the contact's query, and the skeleton stands
// in until both are.
const loadView = () => import("./contact-view").then((m) => m.ContactView);
const ContactView = onDemand(loadView, () => <DetailLoading />);

export function ContactDetail({ id, canWrite, me }: { id: string; canWrite: boolean; me: string }) {
  const trpc = useTRPC();
  const contact = useQuery(trpc.crm.contacts.get.queryOptions({ id }));
  useEffect(() => {
    // Fetches the view's code while the query runs (the module system keeps it for onDemand's render).
    void loadView();
  }, []);
  if (!contact.data) return <DetailStates query={contact} notFound={c.detail.notFound} back={back} />;
  return <ContactView id={id} contact={contact.data} back={back} canWrite={canWrite} me={me} />;
}
