"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ActivityTimeline } from "@/components/crm/activity-timeline";
import { DealsCard, DetailLayout, DetailStates, EditButton, FactList, FactsCard } from "@/components/crm/entity-detail";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { formatPhone } from "@vendaflow/validators/phone-display";
import { useTRPC } from "@/lib/trpc/client";
import { ContactDialog } from "@/app/t/[slug]/(app)/contacts/contact-dialog";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

const c = t.crm.contacts;
const back = { href: "/contacts", label: c.detail.back };

export function ContactDetail({ id, canWrite, me }: { id: string; canWrite: boolean; me: string }) {
  const trpc = useTRPC();
  const contact = useQuery(trpc.crm.contacts.get.queryOptions({ id }));
  const [editing, setEditing] = useState(false);

  const ct = contact.data;
  if (!ct) return <DetailStates query={contact} notFound={c.detail.notFound} back={back} />;
  return (
    <DetailLayout
      back={back}
      title={ct.name}
      description={ct.position ?? undefined}
      actions={canWrite ? <EditButton onClick={() => setEditing(true)} /> : null}
      side={
        <>
          <FactsCard>
            <FactList
              entityType="contact"
              custom={ct.custom_fields}
              facts={[
                [c.form.email, ct.email ?? t.crm.none, "truncate"],
                [c.form.phone, ct.phone ? formatPhone(ct.phone) : t.crm.none],
                [c.form.company, ct.company_id && ct.company_name ? <Link className="hover:underline" href={`/companies/${ct.company_id}`}>{ct.company_name}</Link> : t.crm.none],
              ]}
            />
          </FactsCard>
          <DealsCard title={c.detail.deals} filter={{ contactId: id }} />
        </>
      }
      timeline={<ActivityTimeline target={{ contactId: id }} canWrite={canWrite} me={me} />}
    >
      {editing ? <ContactDialog contact={ct} onOpenChange={(open) => !open && setEditing(false)} /> : null}
    </DetailLayout>
  );
}
