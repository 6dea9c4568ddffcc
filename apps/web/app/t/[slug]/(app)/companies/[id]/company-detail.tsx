"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import type { CompanySize } from "@vendaflow/validators/crm";
import { ArrowLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ActivityTimeline } from "@/components/crm/activity-timeline";
import { customValueText } from "@/components/crm/custom-field-inputs";
import { t } from "@/lib/i18n";
import { brl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";
import { CompanyDialog } from "@/app/t/[slug]/(app)/companies/company-dialog";

export function CompanyDetail({ id, canWrite }: { id: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const company = useQuery(trpc.crm.companies.get.queryOptions({ id }));
  const contacts = useQuery(trpc.crm.contacts.list.queryOptions({ companyId: id, limit: 100 }));
  const deals = useQuery(trpc.crm.deals.list.queryOptions({ companyId: id, limit: 100 }));
  const defs = useQuery(trpc.crm.customFields.list.queryOptions({ entityType: "company" }));
  const [editing, setEditing] = useState(false);
  const c = t.crm.companies;

  if (company.isLoading) return <Skeleton className="h-96" aria-busy="true" aria-label={t.common.loading} />;
  if (company.error || !company.data) {
    return <Alert variant="destructive"><AlertDescription>{company.error?.data?.code === "NOT_FOUND" ? c.detail.notFound : t.common.loadError} <Link className="underline" href="/companies">{c.detail.back}</Link></AlertDescription></Alert>;
  }
  const co = company.data;
  const custom = co.custom_fields as Record<string, unknown>;
  return (
    <div className="space-y-6">
      <Link href="/companies" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"><ArrowLeft className="size-4" aria-hidden="true" />{c.detail.back}</Link>
      <PageHeader title={co.name} description={co.domain ?? undefined} actions={canWrite ? <Button variant="outline" onClick={() => setEditing(true)}><Pencil aria-hidden="true" />{t.crm.edit}</Button> : null} />
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <div className="space-y-6">
          <Card>
            <CardContent className="pt-6">
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-muted-foreground">{c.form.industry}</dt><dd>{co.industry ?? t.crm.none}</dd>
                <dt className="text-muted-foreground">{c.form.size}</dt><dd>{co.size ? c.sizes[co.size as CompanySize] : t.crm.none}</dd>
                <dt className="text-muted-foreground">{c.form.phone}</dt><dd>{co.phone ?? t.crm.none}</dd>
                <dt className="text-muted-foreground">{c.form.website}</dt><dd className="truncate">{co.website ?? t.crm.none}</dd>
                {(defs.data ?? []).map((f) => <div key={f.id} className="contents"><dt className="text-muted-foreground">{f.label}</dt><dd>{customValueText(f, custom[f.id], brl)}</dd></div>)}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle>{c.detail.contacts}</CardTitle></CardHeader>
            <CardContent>
              <ul className="space-y-1 text-sm">
                {(contacts.data?.items ?? []).map((ct) => <li key={ct.id}><Link className="hover:underline" href={`/contacts/${ct.id}`}>{ct.name}</Link>{ct.position ? <span className="text-muted-foreground"> · {ct.position}</span> : null}</li>)}
                {contacts.data && contacts.data.items.length === 0 ? <li className="text-muted-foreground">{t.crm.none}</li> : null}
              </ul>
            </CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle>{c.detail.deals}</CardTitle></CardHeader>
            <CardContent>
              <ul className="space-y-1 text-sm">
                {(deals.data?.items ?? []).map((d) => <li key={d.id} className="flex justify-between gap-2"><Link className="truncate hover:underline" href={`/deals/${d.id}`}>{d.title}</Link><span className="tabular-nums">{brl(d.value_cents)}</span></li>)}
                {deals.data && deals.data.items.length === 0 ? <li className="text-muted-foreground">{t.crm.none}</li> : null}
              </ul>
            </CardContent>
          </Card>
        </div>
        <ActivityTimeline target={{ companyId: id }} canWrite={canWrite} />
      </div>
      {editing ? <CompanyDialog company={co} onOpenChange={(open) => !open && setEditing(false)} /> : null}
    </div>
  );
}
