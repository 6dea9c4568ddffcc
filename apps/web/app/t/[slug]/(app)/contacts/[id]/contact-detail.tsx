"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { ArrowLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ActivityTimeline } from "@/components/crm/activity-timeline";
import { customValueText } from "@/components/crm/custom-field-inputs";
import { t } from "@/lib/i18n";
import { brl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";
import { ContactDialog } from "@/app/t/[slug]/(app)/contacts/contact-dialog";

export function ContactDetail({ id, canWrite }: { id: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const contact = useQuery(trpc.crm.contacts.get.queryOptions({ id }));
  const deals = useQuery(trpc.crm.deals.list.queryOptions({ contactId: id, limit: 100 }));
  const defs = useQuery(trpc.crm.customFields.list.queryOptions({ entityType: "contact" }));
  const [editing, setEditing] = useState(false);
  const c = t.crm.contacts;

  if (contact.isLoading) return <Skeleton className="h-96" aria-busy="true" aria-label={t.common.loading} />;
  if (contact.error || !contact.data) {
    return <Alert variant="destructive"><AlertDescription>{contact.error?.data?.code === "NOT_FOUND" ? c.detail.notFound : t.common.loadError} <Link className="underline" href="/contacts">{c.detail.back}</Link></AlertDescription></Alert>;
  }
  const ct = contact.data;
  const custom = ct.custom_fields as Record<string, unknown>;
  return (
    <div className="space-y-6">
      <Link href="/contacts" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"><ArrowLeft className="size-4" aria-hidden="true" />{c.detail.back}</Link>
      <PageHeader title={ct.name} description={ct.position ?? undefined} actions={canWrite ? <Button variant="outline" onClick={() => setEditing(true)}><Pencil aria-hidden="true" />{t.crm.edit}</Button> : null} />
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <div className="space-y-6">
          <Card>
            <CardContent className="pt-6">
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-muted-foreground">{c.form.email}</dt><dd className="truncate">{ct.email ?? t.crm.none}</dd>
                <dt className="text-muted-foreground">{c.form.phone}</dt><dd>{ct.phone ?? t.crm.none}</dd>
                <dt className="text-muted-foreground">{c.form.company}</dt><dd>{ct.company_id && ct.company_name ? <Link className="hover:underline" href={`/companies/${ct.company_id}`}>{ct.company_name}</Link> : t.crm.none}</dd>
                {(defs.data ?? []).map((f) => <div key={f.id} className="contents"><dt className="text-muted-foreground">{f.label}</dt><dd>{customValueText(f, custom[f.id], brl)}</dd></div>)}
              </dl>
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
        <ActivityTimeline target={{ contactId: id }} canWrite={canWrite} />
      </div>
      {editing ? <ContactDialog contact={ct} onOpenChange={(open) => !open && setEditing(false)} /> : null}
    </div>
  );
}
