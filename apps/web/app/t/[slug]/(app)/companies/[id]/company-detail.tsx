"use client";
import { useQuery } from "@tanstack/react-query";
import type { CompanySize } from "@vendaflow/validators/crm";
import Link from "next/link";
import { useState } from "react";
import { ActivityTimeline } from "@/components/crm/activity-timeline";
import { DealsCard, DetailLayout, DetailStates, EditButton, FactList, FactsCard, LinkListCard } from "@/components/crm/entity-detail";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { formatPhone } from "@vendaflow/validators/phone-display";
import { useTRPC } from "@/lib/trpc/client";
import { CompanyDialog } from "@/app/t/[slug]/(app)/companies/company-dialog";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

const c = t.crm.companies;
const back = { href: "/companies", label: c.detail.back };

export function CompanyDetail({ id, canWrite, me }: { id: string; canWrite: boolean; me: string }) {
  const trpc = useTRPC();
  const company = useQuery(trpc.crm.companies.get.queryOptions({ id }));
  const contacts = useQuery(trpc.crm.contacts.list.queryOptions({ companyId: id, limit: 100 }));
  const [editing, setEditing] = useState(false);

  const co = company.data;
  if (!co) return <DetailStates query={company} notFound={c.detail.notFound} back={back} />;
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
            items={contacts.data?.items}
            item={(ct) => <span><Link className="hover:underline" href={`/contacts/${ct.id}`}>{ct.name}</Link>{ct.position ? <span className="text-muted-foreground"> · {ct.position}</span> : null}</span>}
          />
          <DealsCard title={c.detail.deals} filter={{ companyId: id }} />
        </>
      }
      timeline={<ActivityTimeline target={{ companyId: id }} canWrite={canWrite} me={me} />}
    >
      {editing ? <CompanyDialog company={co} onOpenChange={(open) => !open && setEditing(false)} /> : null}
    </DetailLayout>
  );
}
