"use client";
import Link from "next/link";
import { useState } from "react";
import { ActivityTimeline } from "@/components/crm/activity-timeline";
import type { Back } from "@/components/crm/detail-states";
import { DealsCard, DetailLayout, EditButton, FactList, FactsCard } from "@/components/crm/entity-detail";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { formatPhone } from "@vendaflow/validators/phone-display";
import { ContactDialog, type ContactView as Contact } from "@/app/t/[slug]/(app)/contacts/contact-dialog";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

const c = t.crm.contacts;

/** The loaded contact page (contact-detail.tsx loads it on demand). */
export function ContactView({ id, contact: ct, back, canWrite, me }: { id: string; contact: Contact; back: Back; canWrite: boolean; me: string }) {
  const [editing, setEditing] = useState(false);
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
          <DealsCard title={c.detail.deals} record={{ contact: id }} />
        </>
      }
      timeline={<ActivityTimeline target={{ contactId: id }} canWrite={canWrite} me={me} />}
    >
      {editing ? <ContactDialog contact={ct} onOpenChange={(open) => !open && setEditing(false)} /> : null}
    </DetailLayout>
  );
}
