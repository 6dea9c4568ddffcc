"use client";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { Card, CardAction, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { cn } from "@vendaflow/ui/cn";
import { textLink } from "@vendaflow/ui/text-link";
import { PageHeader } from "@vendaflow/ui/page-header";
import type { CustomFieldEntity } from "@vendaflow/validators/custom-fields";
import { ArrowLeft, Pencil } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { LINKED_LIMIT, linkedAllAtFoot } from "@/lib/crm/linked-limit";
import { recordListHref, type RecordFilter } from "@/lib/crm/list-params";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { brl } from "@/lib/money";
import { useTRPC } from "@/lib/trpc/client";
import type { Back } from "./detail-states";
import { customValueText } from "./custom-field-inputs";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText };

/** A record page: back link, header with actions, facts on the side, the timeline beside them. */
export function DetailLayout({ back, title, description, actions, side, timeline, children }: { back: Back; title: ReactNode; description?: ReactNode; actions?: ReactNode; side: ReactNode; timeline: ReactNode; children?: ReactNode }) {
  return (
    <div className="space-y-6">
      <Link href={back.href} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"><ArrowLeft className="size-4" aria-hidden="true" />{back.label}</Link>
      <PageHeader title={title} description={description} actions={actions} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <div className="space-y-6">{side}</div>
        {timeline}
      </div>
      {children}
    </div>
  );
}

export function EditButton({ onClick }: { onClick: () => void }) {
  return <Button variant="outline" onClick={onClick}><Pencil aria-hidden="true" />{t.crm.edit}</Button>;
}

export type Fact = [label: string, value: ReactNode, ddClassName?: string];

/** Label / value pairs, then the entity's custom fields in their configured order. */
export function FactList({ facts, entityType, custom }: { facts: (Fact | null | false)[]; entityType: CustomFieldEntity; custom: unknown }) {
  const trpc = useTRPC();
  const defs = useQuery(trpc.crm.customFields.list.queryOptions({ entityType }));
  const values = (custom ?? {}) as Record<string, unknown>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
      {facts.filter((f): f is Fact => Boolean(f)).map(([label, value, cls]) => (
        <div key={label} className="contents"><dt className="text-muted-foreground">{label}</dt><dd className={cls}>{value}</dd></div>
      ))}
      {(defs.data ?? []).map((f) => <div key={f.id} className="contents"><dt className="text-muted-foreground">{f.label}</dt><dd>{customValueText(f, values[f.id], brl)}</dd></div>)}
    </dl>
  );
}

export function FactsCard({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <Card>
      {title ? <CardHeader><CardTitle>{title}</CardTitle></CardHeader> : null}
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** A linked-records query as the card reads it: one page of `LINKED_LIMIT` (a list's cursor says there were more). */
export interface LinkedList<Item> {
  data?: { items: Item[]; nextCursor?: unknown };
  isError: boolean;
  refetch: () => unknown;
}

/**
 * A card listing linked records (a company's contacts, a contact's deals…), "—" when there are none;
 * a note when it shows only the newest `LINKED_LIMIT`. Once it has any, "Ver todos" opens `allHref`,
 * the list filtered to this record: every item (past the cap too), with the list's search, filters
 * and export; shown whether or not capped, so the way there does not depend on the count. A long
 * card repeats it under the list, where a reader who scrolled through it ends up.
 */
export function LinkListCard<Item extends { id: string }>({ title, list, item, allHref }: { title: string; list: LinkedList<Item>; item: (x: Item) => ReactNode; allHref: string }) {
  const items = list.data?.items;
  return (
    <Card data-testid="link-list-card" data-title={title}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {items?.length ? <CardAction><Link href={allHref} className={cn(textLink, "text-sm leading-none")} aria-label={t.crm.linkedAllLabel(title)} data-testid="link-list-all">{t.crm.linkedAll}</Link></CardAction> : null}
      </CardHeader>
      <CardContent>
        {/* Neither an empty card while it loads nor one that stays empty when the query failed. */}
        {!list.data && list.isError ? (
          <p className="text-sm text-destructive" role="alert">
            {t.common.loadError} <Button variant="link" className="h-auto p-0" onClick={() => void list.refetch()}>{t.common.retry}</Button>
          </p>
        ) : items === undefined ? (
          <div className="space-y-2" role="status" aria-label={t.common.loading}><Skeleton className="h-4 w-3/4" /><Skeleton className="h-4 w-1/2" /></div>
        ) : (
          <ul className="space-y-1 text-sm">
            {items.map((x) => <li key={x.id} className="flex justify-between gap-2">{item(x)}</li>)}
            {items.length === 0 ? <li className="text-muted-foreground">{t.crm.none}</li> : null}
            {list.data?.nextCursor ? <li className="text-xs text-muted-foreground" data-testid="link-list-capped">{t.crm.linkedCapped(LINKED_LIMIT)}</li> : null}
          </ul>
        )}
        {items && linkedAllAtFoot(items.length) ? (
          <Link href={allHref} className={cn(textLink, "mt-3 block w-fit text-sm")} aria-label={t.crm.linkedAllLabel(title)} data-testid="link-list-all-foot">{t.crm.linkedAll}</Link>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The deals of a company or contact, each with its value in BRL; "Ver todos" is the deal list filtered the same way. */
export function DealsCard({ title, record }: { title: string; record: RecordFilter }) {
  const trpc = useTRPC();
  const filter = "company" in record ? { companyId: record.company } : { contactId: record.contact };
  const deals = useQuery(trpc.crm.deals.list.queryOptions({ ...filter, limit: LINKED_LIMIT }));
  return (
    <LinkListCard
      title={title}
      list={deals}
      allHref={recordListHref("deals", record)}
      item={(d) => <><Link className="truncate hover:underline" href={`/deals/${d.id}`}>{d.title}</Link><span className="tabular-nums">{brl(d.value_cents)}</span></>}
    />
  );
}
