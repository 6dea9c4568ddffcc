"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { agendaBuckets } from "@vendaflow/validators/plain/crm";
import { meetingOutcomes } from "@vendaflow/validators/plain/scheduling";
import type { MeetingOutcome } from "@vendaflow/validators/scheduling";
import { CalendarClock, CheckCircle2, Circle, ListTodo, Mail, Phone, Users } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { agendaFiltersFrom, agendaWorkTypes, withAgendaFilters, type AgendaFilters, type AgendaWorkType } from "@/lib/agenda-filters";
import { undoToast } from "@/components/undo-toast";
import { brShortDateTime } from "@/lib/dates";
import { agenda as agendaText } from "@/lib/i18n/pt-br/agenda";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { scheduling as schedulingText } from "@/lib/i18n/pt-br/scheduling";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { paramsOf, showInAddress } from "@/lib/url-params";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { agenda: agendaText, crm: crmText, scheduling: schedulingText };
const g = t.agenda;

type Item = RouterOutputs["crm"]["activities"]["agenda"]["items"][number];
type WorkType = AgendaWorkType;

const icons: Record<WorkType, React.ReactNode> = {
  call: <Phone className="size-4" aria-hidden="true" />,
  email: <Mail className="size-4" aria-hidden="true" />,
  meeting: <Users className="size-4" aria-hidden="true" />,
  task: <CalendarClock className="size-4" aria-hidden="true" />,
};

/** What an activity is about, most specific first, as a link to its page. */
function aboutOf(a: Item): { label: string; name: string; href: string } | null {
  if (a.deal_id) return { label: g.about.deal, name: a.deal_title ?? g.unnamed, href: `/deals/${a.deal_id}` };
  if (a.lead_id) return { label: g.about.lead, name: a.lead_name ?? g.unnamed, href: `/leads/${a.lead_id}` };
  if (a.contact_id) return { label: g.about.contact, name: a.contact_name ?? g.unnamed, href: `/contacts/${a.contact_id}` };
  if (a.company_id) return { label: g.about.company, name: a.company_name ?? g.unnamed, href: `/companies/${a.company_id}` };
  return null;
}

/**
 * "Atividades": the work of the signed-in person (or everyone's, or one person's) in tabs by
 * São Paulo's day, each with its count; done in one click, with "Desfazer" in the toast.
 */
export function AgendaView({ canWrite, defaultWho }: { canWrite: boolean; defaultWho: "me" | "all" }) {
  const trpc = useTRPC();
  // The tab and filters live in the address (lib/agenda-filters.ts): a reload, Back or the dashboard's link shows that list.
  const search = useSearchParams();
  const [filters, setFilters] = useState<AgendaFilters>(() => agendaFiltersFrom(paramsOf(search), defaultWho));
  useEffect(() => showInAddress(withAgendaFilters(new URL(window.location.href), filters, defaultWho)), [filters, defaultWho]);
  const { tab: bucket, who, type } = filters;
  const set = (patch: Partial<AgendaFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const agents = useQuery(trpc.routing.agents.queryOptions());
  const counts = useQuery(trpc.crm.activities.agendaCounts.queryOptions({ who }));
  const list = useInfiniteQuery(trpc.crm.activities.agenda.infiniteQueryOptions({ bucket, who, type: type || undefined, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const count = (b: AgendaFilters["tab"]) => (b === "done" ? null : counts.data?.[b === "no_date" ? "noDate" : b]);

  return (
    <div className="space-y-6">
      <PageHeader title={g.title} description={g.description} />
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex flex-wrap gap-1" role="tablist" aria-label={g.title}>
          {agendaBuckets.map((b) => {
            const n = count(b);
            return (
              <Button key={b} role="tab" aria-selected={bucket === b} data-testid={`agenda-tab-${b}`} variant={bucket === b ? "secondary" : "ghost"} size="sm" onClick={() => set({ tab: b })}>
                {g.tabs[b]}
                {n ? <>{" "}<Badge variant={b === "overdue" ? "destructive" : "outline"}>{n}</Badge></> : null}
              </Button>
            );
          })}
        </div>
        <div className="flex w-full flex-wrap gap-2 sm:ml-auto sm:w-auto">
          <Select aria-label={g.whoLabel} value={who} onChange={(e) => set({ who: e.target.value })} wrapperClassName="w-full sm:w-48">
            <option value="me">{g.me}</option>
            <option value="all">{g.all}</option>
            {(agents.data ?? []).map((a) => <option key={a.id} value={a.id}>{a.name || a.email}</option>)}
          </Select>
          <Select aria-label={g.typeLabel} value={type} onChange={(e) => set({ type: e.target.value as WorkType | "" })} wrapperClassName="w-full sm:w-44">
            <option value="">{g.allTypes}</option>
            {agendaWorkTypes.map((x) => <option key={x} value={x}>{t.crm.activities.types[x]}</option>)}
          </Select>
        </div>
      </div>
      {list.isLoading ? <Skeleton className="h-48" aria-busy="true" /> : null}
      {list.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(list.error)}</AlertDescription></Alert> : null}
      {list.data && items.length === 0 ? (
        <EmptyState
          icon={<ListTodo />}
          title={g.empty[bucket]}
          description={g.emptyHint}
          // An empty "Hoje" (the default tab) while work is past due would read "all clear": point at it.
          action={bucket !== "overdue" && counts.data?.overdue ? <Button variant="outline" size="sm" data-testid="agenda-empty-overdue" onClick={() => set({ tab: "overdue" })}>{g.seeOverdue(counts.data.overdue)}</Button> : null}
        />
      ) : null}
      {items.length > 0 ? (
        <ul className="divide-y rounded-lg border" data-testid="agenda-list">
          {items.map((a) => <AgendaRow key={a.id} item={a} canWrite={canWrite} />)}
        </ul>
      ) : null}
      {list.hasNextPage ? <Button variant="outline" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>{g.loadMore}</Button> : null}
    </div>
  );
}

function AgendaRow({ item: a, canWrite }: { item: Item; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.crm.activities.pathKey() });
  const complete = useMutation(trpc.crm.activities.complete.mutationOptions());
  const done = a.completed_at !== null;
  const overdue = !done && a.due_at !== null && new Date(a.due_at).getTime() < Date.now();
  const about = aboutOf(a);
  const type = a.type as WorkType;
  // A meeting the lead booked: the system's line, closed by the meeting's outcome, never ticked off.
  const booked = a.system_event === "meeting_scheduled";

  const toggle = async () => {
    try {
      await complete.mutateAsync({ id: a.id, completed: !done });
    } catch (err) {
      toast.error(errorMessage(err));
      return;
    }
    void refresh();
    if (done) {
      toast.success(g.reopened);
      return;
    }
    undoToast(toast, g.completed, "undo-complete", async () => {
      try {
        await complete.mutateAsync({ id: a.id, completed: false });
        toast.success(g.reopened);
        void refresh();
      } catch (err) {
        toast.error(errorMessage(err));
      }
    });
  };

  return (
    <li className="flex gap-3 p-3" data-testid="agenda-item" data-subject={a.subject}>
      {canWrite && !booked ? (
        <Button size="icon" variant="ghost" className="size-8 shrink-0" aria-label={done ? g.reopen(a.subject) : g.complete(a.subject)} loading={complete.isPending} onClick={() => void toggle()}>
          {done ? <CheckCircle2 className="text-success" /> : <Circle />}
        </Button>
      ) : null}
      <span className="mt-1.5 text-muted-foreground">{icons[type]}</span>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className={done ? "font-medium line-through" : "font-medium"}>{a.subject}</span>
          <Badge variant="secondary">{booked ? g.booked.badge : t.crm.activities.types[type]}</Badge>
          {overdue ? <Badge variant="destructive">{t.crm.activities.overdue}</Badge> : null}
          {booked && a.awaiting_new_time && !done ? <Badge variant="outline">{t.scheduling.meetings.awaitingNewTime}</Badge> : null}
        </div>
        {about ? (
          <p className="text-sm">
            <span className="text-muted-foreground">{about.label}: </span>
            <Link className="text-brand-ink underline-offset-4 hover:underline" href={about.href}>{about.name}</Link>
          </p>
        ) : null}
        <p className="text-xs text-muted-foreground">
          {/* No seconds: the timelines and the board show these times the same way. */}
          {done ? g.completedAt(brShortDateTime(a.completed_at!)) : a.due_at ? (overdue ? g.overdueBy(brShortDateTime(a.due_at)) : t.crm.activities.dueAt(brShortDateTime(a.due_at))) : g.noDue}
          {" · "}
          {a.assignee_name ?? g.unassigned}
          {a.outcome ? ` · ${t.crm.activities.outcome}: ${a.outcome}` : ""}
          {booked && a.join_url && !done ? <>{" · "}<a className="text-brand-ink underline underline-offset-4" href={a.join_url} target="_blank" rel="noreferrer">{g.booked.join}</a></> : null}
        </p>
      </div>
      {canWrite && booked && a.meeting_id && !done ? <MeetingOutcome subject={a.subject} meetingId={a.meeting_id} /> : null}
    </li>
  );
}

/**
 * A booked meeting's way out of the open tabs, the ones "Reuniões" offers: it took place (with what
 * came of it) or the lead did not come (scheduling.setOutcome / markNoShow close its line).
 */
function MeetingOutcome({ subject, meetingId }: { subject: string; meetingId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const done = (message: string) => () => {
    toast.success(message);
    void qc.invalidateQueries({ queryKey: trpc.crm.activities.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.scheduling.meetings.pathKey() });
  };
  const onError = (e: unknown) => toast.error(errorMessage(e));
  const outcome = useMutation(trpc.scheduling.setOutcome.mutationOptions({ onSuccess: done(g.booked.held), onError }));
  const noShow = useMutation(trpc.scheduling.markNoShow.mutationOptions({ onSuccess: done(g.booked.noShow), onError }));
  const busy = outcome.isPending || noShow.isPending;
  return (
    <div className="flex shrink-0 flex-col gap-1 sm:flex-row sm:items-start" data-testid="agenda-meeting-outcome">
      <Select aria-label={g.booked.heldLabel(subject)} wrapperClassName="w-full sm:w-44" value="" placeholder={g.booked.heldPlaceholder} disabled={busy} onChange={(e) => outcome.mutate({ meetingId, outcome: e.target.value as MeetingOutcome })}>
        {meetingOutcomes.map((o) => <option key={o} value={o}>{t.scheduling.meetings.outcomes[o]}</option>)}
      </Select>
      <Button size="sm" variant="outline" aria-label={g.booked.noShowLabel(subject)} loading={noShow.isPending} disabled={busy} onClick={() => noShow.mutate({ meetingId, noShow: true })}>
        {t.scheduling.meetings.noShow}
      </Button>
    </div>
  );
}
