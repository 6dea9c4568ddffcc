"use client";
import type { RouterOutputs } from "@vendaflow/api/root";
import type { CompanySize } from "@vendaflow/validators/crm";
import Link from "next/link";
import { useState } from "react";
import { ActivityTimeline } from "@/components/crm/activity-timeline";
import type { Back } from "@/components/crm/detail-states";
import { DealsCard, DetailLayout, EditButton, FactList, FactsCard, LinkListCard, type LinkedList } from "@/components/crm/entity-detail";
import { recordListHref } from "@/lib/crm/list-params";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { formatPhone } from "@vendaflow/validators/phone-display";
import { CompanyDialog, type CompanyView as Company } from "@/app/t/[slug]/(app)/companies/company-dialog";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

const c = t.crm.companies;

type Contact = RouterOutputs["crm"]["contacts"]["list"]["items"][number];

/** The loaded company page (company-detail.tsx loads it on demand); `contacts` is its contacts' query, which may still be loading. */
export function CompanyView({ id, company: co, contacts, back, canWrite, me }: { id: string; company: Company; contacts: LinkedList<Contact>; back: Back; canWrite: boolean; me: string }) {
  const [editing, setEditing] = useState(false);
  return (
    <DetailLayout
      back={back}
      title={co.name}
      description={co.domain ?? undefined}
      actions={canWrite ? <EditButton onClick={() => setEditing(true)} /> : null}
      side={
        <>
          <FactsCard>
            <FactList
              entityType="company"
              custom={co.custom_fields}
              facts={[
                [c.form.industry, co.industry ?? t.crm.none],
                [c.form.size, co.size ? c.sizes[co.size as CompanySize] : t.crm.none],
                [c.form.phone, co.phone ? formatPhone(co.phone) : t.crm.none],
                [c.form.website, co.website ?? t.crm.none, "truncate"],
              ]}
            />
          </FactsCard>
          <LinkListCard
            title={c.detail.contacts}
            list={contacts}
            allHref={recordListHref("contacts", { company: id })}
            item={(ct) => <span><Link className="hover:underline" href={`/contacts/${ct.id}`}>{ct.name}</Link>{ct.position ? <span className="text-muted-foreground"> · {ct.position}</span> : null}</span>}
          />
          <DealsCard title={c.detail.deals} record={{ company: id }} />
        </>
      }
      timeline={<ActivityTimeline target={{ companyId: id }} canWrite={canWrite} me={me} />}
    >
      {editing ? <CompanyDialog company={co} onOpenChange={(open) => !open && setEditing(false)} /> : null}
    </DetailLayout>
  );
}
