"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { ScrollText } from "lucide-react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useDeferredValue, useState } from "react";
import { DateRangeInputs } from "@/components/date-range-inputs";
import { ListEmpty } from "@/components/list-empty";
import { filtersActive } from "@/lib/list-filters";
import { auditActionGroups, auditActionLabel, auditEntityLabel, auditEntityOptions } from "@/lib/audit-labels";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { audit as auditText } from "@/lib/i18n/pt-br/workspace-audit";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { brDateTime, saoPauloDayStart } from "@/lib/dates";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { audit: auditText, common: commonText };

// Options by name; each sends its code, which is what audit.list filters on.
const actionGroups = auditActionGroups();
const entityOptions = auditEntityOptions();

export function AuditTable() {
  const trpc = useTRPC();
  const [action, setAction] = useState("");
  const [entityType, setEntityType] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const filter = useDeferredValue({
    action: action || undefined,
    entityType: entityType || undefined,
    // Whole São Paulo days, the days the times in the table are shown in.
    from: from ? saoPauloDayStart(from) : undefined,
    to: to ? new Date(saoPauloDayStart(to, 1).getTime() - 1) : undefined,
    limit: 25,
  });
  const audit = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(filter, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const clear = () => {
    setAction("");
    setEntityType("");
    setFrom("");
    setTo("");
  };
  return (
    <div className="space-y-6">
      <PageHeader title={t.audit.title} description={t.audit.description} />
      <div className="flex flex-wrap gap-2">
        <Select aria-label={t.audit.action} value={action} onChange={(e) => setAction(e.target.value)} wrapperClassName="sm:max-w-xs">
          <SelectOption value="">{t.audit.allActions}</SelectOption>
          {actionGroups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => <SelectOption key={o.value} value={o.value}>{o.label}</SelectOption>)}
            </optgroup>
          ))}
        </Select>
        <Select aria-label={t.audit.entity} value={entityType} onChange={(e) => setEntityType(e.target.value)} wrapperClassName="sm:max-w-xs">
          <SelectOption value="">{t.audit.allEntities}</SelectOption>
          {entityOptions.map((o) => <SelectOption key={o.value} value={o.value}>{o.label}</SelectOption>)}
        </Select>
        <DateRangeInputs from={from} to={to} onFrom={setFrom} onTo={setTo} names={{ from: t.audit.from, to: t.audit.to }} className="w-full sm:w-auto" />
      </div>
      {audit.isLoading ? <Skeleton className="h-64" /> : null}
      {audit.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(audit.error)}</AlertDescription></Alert> : null}
      {!audit.isLoading && rows.length === 0 && !audit.error ? <ListEmpty filtered={filtersActive({ action, entityType, from, to })} onClear={clear} icon={<ScrollText />} title={t.audit.empty} hint={t.audit.emptyHint} /> : null}
      {rows.length > 0 ? (
        <Table>
          <TableHeader><TableRow><TableHead>{t.audit.when}</TableHead><TableHead>{t.audit.actor}</TableHead><TableHead>{t.audit.action}</TableHead><TableHead>{t.audit.entity}</TableHead><TableHead>IP</TableHead></TableRow></TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} data-testid="audit-row">
                <TableCell className="whitespace-nowrap">{brDateTime(r.created_at)}</TableCell>
                <TableCell>{r.actor_operator_id ? t.audit.operator : (r.actor_name || r.actor_email || "—")}</TableCell>
                <TableCell data-action={r.action}>{auditActionLabel(r.action)}</TableCell>
                <TableCell>{auditEntityLabel(r.entity_type)}{r.entity_id ? ` · ${r.entity_id.slice(0, 8)}` : ""}</TableCell>
                <TableCell>{r.ip ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {audit.hasNextPage ? <Button variant="outline" onClick={() => audit.fetchNextPage()} loading={audit.isFetchingNextPage}>{t.common.loadMore}</Button> : null}
    </div>
  );
}
