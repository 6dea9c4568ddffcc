"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { meetingOutcomes, meetingStatuses } from "@vendaflow/validators/plain/scheduling";
import type { MeetingOutcome, MeetingStatus } from "@vendaflow/validators/scheduling";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useToast } from "@vendaflow/ui/toast";
import { nationalHolidayOn } from "@vendaflow/core/privacy/business-days";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { scheduling as schedulingText } from "@/lib/i18n/pt-br/scheduling";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { saoPauloDay } from "@/lib/dates";
import { meetingsFiltersFrom, meetingsWeekOf, movedWeek, withMeetingsFilters, type MeetingsFilters } from "@/lib/meetings-filters";
import { weekDays } from "@/lib/sao-paulo-week";
import { paramsOf, showInAddress } from "@/lib/url-params";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { scheduling: schedulingText };

const m = t.scheduling.meetings;
const TZ = "America/Sao_Paulo";
const dayFmt = new Intl.DateTimeFormat("pt-BR", { timeZone: TZ, weekday: "short", day: "2-digit", month: "2-digit" });
const timeFmt = new Intl.DateTimeFormat("pt-BR", { timeZone: TZ, hour: "2-digit", minute: "2-digit" });
const dateFmt = new Intl.DateTimeFormat("pt-BR", { timeZone: TZ, day: "2-digit", month: "2-digit", year: "numeric" });

type Meeting = { id: string; title: string; starts_at: string | Date; ends_at: string | Date; status: string; awaiting_new_time: boolean; outcome: string | null; lead_id: string; lead_name: string | null; owner_name: string | null; invitee_name: string | null; join_url: string | null };

/**
 * "Agendada" for a meeting whose end has passed with no result told nothing: it reads
 * "Aguardando resultado" until someone records how it went or that the lead did not come.
 */
const awaitingOutcome = (x: Meeting, now: Date) => x.status === "scheduled" && !x.outcome && new Date(x.ends_at) < now;

/** The national holiday on a São Paulo day, by name: a meeting set on one is worth a second look. */
const holidayOn = (day: Date) => nationalHolidayOn(saoPauloDay(day));

const statusVariant: Record<MeetingStatus, "default" | "secondary" | "outline" | "destructive" | "success" | "warning"> = {
  scheduled: "default",
  rescheduled: "outline",
  canceled: "secondary",
  completed: "success",
  no_show: "warning",
};

/**
 * The week's meetings (São Paulo time) as a list or a week grid, optionally of one status (the
 * week's no-shows); agents mark no-shows and outcomes. The list leads with who and whose, what a
 * phone shows before it scrolls sideways.
 */
export function MeetingsView({ canEdit, canConnect }: { canEdit: boolean; canConnect: boolean }) {
  const trpc = useTRPC();
  // An admin's empty week with no calendar connected says where meetings come from, and leads there.
  const connections = useQuery({ ...trpc.scheduling.connections.queryOptions(), enabled: canConnect });
  const notConnected = canConnect && connections.data !== undefined && !connections.data.some((c) => c.is_active);
  // The week, status and view live in the address (lib/meetings-filters.ts): a reload or Back from a lead keeps them.
  const search = useSearchParams();
  const [filters, setFilters] = useState<MeetingsFilters>(() => meetingsFiltersFrom(paramsOf(search)));
  useEffect(() => showInAddress(withMeetingsFilters(new URL(window.location.href), filters)), [filters]);
  const set = (patch: Partial<MeetingsFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const { view, status } = filters;
  const now = new Date();
  const week = meetingsWeekOf(filters, now);
  const input = { from: week.from.toISOString(), to: week.to.toISOString(), status: status || undefined, limit: 50 };
  const q = useInfiniteQuery(trpc.scheduling.meetings.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const items = (q.data?.pages.flatMap((p) => p.items) ?? []) as Meeting[];

  return (
    <div className="space-y-6">
      <PageHeader title={m.title} description={m.description} />
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="outline" size="sm" onClick={() => set({ week: movedWeek(filters, now, -1) })}>{m.previous}</Button>
        <Button variant="outline" size="sm" onClick={() => set({ week: "" })} disabled={movedWeek(filters, now, 0) === ""}>{m.today}</Button>
        <Button variant="outline" size="sm" onClick={() => set({ week: movedWeek(filters, now, 1) })}>{m.next}</Button>
        <span className="text-sm font-medium" data-testid="meetings-range">{m.weekOf(dateFmt.format(week.from), dateFmt.format(new Date(week.to.getTime() - 1)))}</span>
        <Select aria-label={m.allStatuses} value={status} onChange={(e) => set({ status: e.target.value as MeetingStatus | "" })} wrapperClassName="w-full sm:w-48">
          <option value="">{m.allStatuses}</option>
          {meetingStatuses.map((st) => <option key={st} value={st}>{m.statuses[st]}</option>)}
        </Select>
        <div className="ml-auto flex gap-1" role="tablist">
          <Button role="tab" aria-selected={view === "list"} variant={view === "list" ? "secondary" : "ghost"} size="sm" onClick={() => set({ view: "list" })}>{m.list}</Button>
          <Button role="tab" aria-selected={view === "week"} variant={view === "week" ? "secondary" : "ghost"} size="sm" onClick={() => set({ view: "week" })}>{m.week}</Button>
        </div>
      </div>
      {q.isLoading ? <Skeleton className="h-48" /> : null}
      {q.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(q.error)}</AlertDescription></Alert> : null}
      {q.data && items.length === 0 ? (
        <EmptyState
          title={m.empty}
          description={notConnected ? m.emptyNotConnected : m.emptyHint}
          action={notConnected ? <Button asChild variant="outline" size="sm"><Link href="/calendar">{m.connect}</Link></Button> : undefined}
          data-testid="meetings-empty"
        />
      ) : null}
      {items.length > 0 && view === "list" ? <MeetingTable items={items} canEdit={canEdit} /> : null}
      {q.data && view === "week" ? <WeekGrid from={week.from} items={items} /> : null}
      {q.hasNextPage ? <Button variant="outline" loading={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>{m.loadMore}</Button> : null}
    </div>
  );
}

function MeetingTable({ items, canEdit }: { items: Meeting[]; canEdit: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{m.columns.when}</TableHead>
          <TableHead>{m.columns.lead}</TableHead>
          <TableHead>{m.columns.status}</TableHead>
          <TableHead>{m.columns.owner}</TableHead>
          <TableHead>{m.columns.outcome}</TableHead>
          <TableHead>{m.columns.title}</TableHead>
          {canEdit ? <TableHead>{m.columns.actions}</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>{items.map((x) => <MeetingRow key={x.id} meeting={x} canEdit={canEdit} />)}</TableBody>
    </Table>
  );
}

function MeetingRow({ meeting: x, canEdit }: { meeting: Meeting; canEdit: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.scheduling.meetings.pathKey() });
  const noShow = useMutation(trpc.scheduling.markNoShow.mutationOptions({ onSuccess: refresh, onError: (e) => toast.error(errorMessage(e)) }));
  const outcome = useMutation(trpc.scheduling.setOutcome.mutationOptions({ onSuccess: refresh, onError: (e) => toast.error(errorMessage(e)) }));
  const start = new Date(x.starts_at);
  const status = x.status as MeetingStatus;
  // A reschedule whose new time never came still took place, or not: it takes an outcome too.
  const held = status === "scheduled" || status === "completed" || x.awaiting_new_time;
  const awaiting = awaitingOutcome(x, new Date());
  return (
    <TableRow data-testid="meeting-row" data-status={status}>
      <TableCell className="whitespace-nowrap">{dayFmt.format(start)} {timeFmt.format(start)}</TableCell>
      <TableCell><Link className="text-brand-ink underline-offset-4 hover:underline" href={`/leads/${x.lead_id}`}>{x.lead_name ?? x.invitee_name ?? m.unnamed}</Link></TableCell>
      <TableCell>{awaiting ? <Badge variant="warning">{m.awaitingOutcome}</Badge> : <Badge variant={statusVariant[status]}>{x.awaiting_new_time ? m.awaitingNewTime : m.statuses[status]}</Badge>}</TableCell>
      <TableCell className="whitespace-nowrap">{x.owner_name ?? m.noOwner}</TableCell>
      <TableCell>
        {canEdit && held ? (
          <Select aria-label={m.columns.outcome} wrapperClassName="min-w-44" value={x.outcome ?? ""} placeholder={m.outcomePlaceholder} disabled={outcome.isPending} onChange={(e) => outcome.mutate({ meetingId: x.id, outcome: e.target.value as MeetingOutcome })}>
            {meetingOutcomes.map((o) => <option key={o} value={o}>{m.outcomes[o]}</option>)}
          </Select>
        ) : x.outcome ? m.outcomes[x.outcome as MeetingOutcome] : "—"}
      </TableCell>
      <TableCell>
        {x.title}
        {x.join_url && status === "scheduled" ? <a className="ml-2 text-sm text-brand-ink underline-offset-4 hover:underline" href={x.join_url} target="_blank" rel="noreferrer">{m.join}</a> : null}
      </TableCell>
      {canEdit ? (
        <TableCell>
          {held || status === "no_show" ? (
            <Button size="sm" variant="outline" loading={noShow.isPending} onClick={() => noShow.mutate({ meetingId: x.id, noShow: status !== "no_show" })}>
              {status === "no_show" ? m.undoNoShow : m.noShow}
            </Button>
          ) : null}
        </TableCell>
      ) : null}
    </TableRow>
  );
}

function WeekGrid({ from, items }: { from: Date; items: Meeting[] }) {
  const days = weekDays(from);
  const now = new Date();
  return (
    <div className="grid gap-2 md:grid-cols-7" data-testid="meetings-week">
      {days.map((d) => {
        const mine = items.filter((x) => { const s = new Date(x.starts_at).getTime(); return s >= d.from.getTime() && s < d.to.getTime(); });
        const holiday = holidayOn(d.from);
        return (
          <section key={d.from.toISOString()} className="min-h-24 rounded-md border p-2">
            <h3 className="mb-2 text-xs font-medium capitalize text-muted-foreground">{dayFmt.format(d.from)}</h3>
            {holiday ? <Badge variant="warning" className="mb-2" data-testid="holiday">{m.holiday(holiday)}</Badge> : null}
            {mine.length === 0 ? <p className="text-xs text-muted-foreground">{m.dayEmpty}</p> : null}
            <ul className="space-y-1">
              {mine.map((x) => (
                <li key={x.id} className="rounded bg-muted px-2 py-1 text-xs" data-status={x.status}>
                  <span className="font-medium">{timeFmt.format(new Date(x.starts_at))}</span> {x.lead_name ?? x.invitee_name ?? m.unnamed}
                  <div className="text-muted-foreground">{awaitingOutcome(x, now) ? m.awaitingOutcome : x.awaiting_new_time ? m.awaitingNewTime : m.statuses[x.status as MeetingStatus]}</div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
