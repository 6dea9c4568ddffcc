"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Label } from "@vendaflow/ui/label";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { textLink } from "@vendaflow/ui/text-link";
import { UsersRound } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { brTime } from "@/lib/dates";
import { teamLoad as teamLoadText } from "@/lib/i18n/pt-br/team-load";
import { agentInboxHref, inactiveInboxHref, queueInboxHref } from "@/lib/team-load-links";
import { errorMessage } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/client";
import { idOrBlank, one, paramsOf, showInAddress, withParams } from "@/lib/url-params";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { teamLoad: teamLoadText };
const m = t.teamLoad;
const count = new Intl.NumberFormat("pt-BR");
// The reassignment dialog loads when opened (not part of the route's first load).
const ReassignDialog = onDemand(() => import("./reassign-dialog").then((mod) => mod.ReassignDialog), DialogLoading);
/** Live, not a report: refreshed this often while the page is open. */
const REFRESH_MS = 30_000;

/**
 * The queue first (conversations waiting with no agent: how many, the longest wait, SLA), a warning
 * per deactivated person still holding conversations, then one row per agent with what they hold now
 * (core/analytics/team-load.ts), the most overdue first; names open the inbox on the very
 * conversations their "Em aberto" counts (lib/team-load-links.ts).
 * Admins (`canManage`) move all of a person's conversations at once: to an online agent shown here,
 * or back to the queue (ReassignDialog).
 */
export function TeamLoadView({ canManage = false }: { canManage?: boolean }) {
  const trpc = useTRPC();
  // The team lives in the address (?team=…), as the dashboard's: a reload or a shared link keeps it.
  const search = useSearchParams();
  const [teamId, setTeamId] = useState(() => idOrBlank(one(paramsOf(search), "team")));
  useEffect(() => showInAddress(withParams(new URL(window.location.href), { team: teamId })), [teamId]);
  const teams = useQuery(trpc.routing.teams.queryOptions());
  const load = useQuery({ ...trpc.analytics.teamLoad.queryOptions({ teamId: teamId || null }), refetchInterval: REFRESH_MS });
  const rows = load.data?.agents ?? [];
  const queue = load.data?.queue;
  const [reassigning, setReassigning] = useState<{ userId: string; name: string; open: number } | null>(null);
  const reassign = (r: { userId: string; name: string; open: number }) =>
    canManage && r.open > 0 ? (
      <Button type="button" size="sm" variant="outline" aria-label={m.reassign.actionFor(r.name)} onClick={() => setReassigning({ userId: r.userId, name: r.name, open: r.open })}>
        {m.reassign.action}
      </Button>
    ) : null;
  return (
    <div className="space-y-6">
      <PageHeader title={m.title} description={m.description} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="team-load-team">{m.team}</Label>
          <Select id="team-load-team" wrapperClassName="w-56" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{m.allTeams}</option>
            {(teams.data ?? []).map((tm) => <option key={tm.id} value={tm.id}>{tm.name}</option>)}
          </Select>
        </div>
        {load.data ? <p className="pb-2 text-sm text-muted-foreground" aria-live="polite">{m.updatedAt(brTime(new Date(load.dataUpdatedAt)))}</p> : null}
      </div>
      {load.isPending ? (
        <div role="status" aria-label={m.title}>
          <Skeleton className="h-64 w-full" />
        </div>
      ) : load.error ? (
        <Alert variant="destructive" data-testid="team-load-error">
          <AlertDescription className="flex flex-wrap items-center gap-3">
            <span>{m.error} {errorMessage(load.error)}</span>
            <Button type="button" size="sm" variant="outline" onClick={() => void load.refetch()}>{m.retry}</Button>
          </AlertDescription>
        </Alert>
      ) : (
        <>
          {queue ? (
            <section aria-labelledby="team-load-queue" className="rounded-lg border p-4" data-testid="team-load-queue">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id="team-load-queue" className="font-semibold">{m.queue.title}</h2>
                <Link href={queueInboxHref(teamId)} className={`text-sm ${textLink}`}>{m.queue.open}</Link>
              </div>
              <p className="text-sm text-muted-foreground">{m.queue.hint}</p>
              <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
                <QueueFigure label={m.queue.waiting} value={count.format(queue.waiting)} testId="queue-waiting" />
                <QueueFigure label={m.queue.oldest} value={queue.oldestWaitMinutes === null ? m.queue.none : m.waitedFor(queue.oldestWaitMinutes)} testId="queue-oldest" />
                <QueueFigure label={m.queue.overdue} value={count.format(queue.slaOverdue)} testId="queue-overdue" alert={queue.slaOverdue > 0} />
                <QueueFigure label={m.queue.dueSoon} value={count.format(queue.slaDueSoon)} testId="queue-due-soon" />
              </dl>
            </section>
          ) : null}
          {load.data?.inactive.length ? (
            <Alert variant="destructive" data-testid="team-load-inactive">
              <AlertDescription>
                <p className="font-medium">{m.inactive.title}</p>
                <ul className="mt-1 space-y-1">
                  {load.data.inactive.map((r) => (
                    <li key={r.userId} data-user-id={r.userId} className="flex flex-wrap items-center gap-2">
                      <Link href={inactiveInboxHref(r.userId, teamId)} className={textLink} aria-label={m.inactive.act(r.name)}>{m.inactive.line(r.name, r.open)}</Link>
                      {reassign(r)}
                    </li>
                  ))}
                </ul>
              </AlertDescription>
            </Alert>
          ) : null}
          {rows.length === 0 ? (
        <EmptyState icon={<UsersRound />} title={m.empty} description={teamId ? m.emptyTeam : m.emptyHint} data-testid="team-load-empty" />
      ) : (
        <Table data-testid="team-load">
          <TableCaption className="sr-only">{m.caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">{m.columns.agent}</TableHead>
              <TableHead scope="col">{m.columns.availability}</TableHead>
              <TableHead scope="col" className="text-right">{m.columns.open}</TableHead>
              <TableHead scope="col" className="text-right">{m.columns.capacity}</TableHead>
              <TableHead scope="col" className="text-right">{m.columns.awaiting}</TableHead>
              <TableHead scope="col" className="text-right">{m.columns.overdue}</TableHead>
              <TableHead scope="col" className="text-right">{m.columns.dueSoon}</TableHead>
              {canManage ? <TableHead scope="col"><span className="sr-only">{m.columns.actions}</span></TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => {
              const over = r.capacity !== null && r.open > r.capacity;
              return (
                <TableRow key={r.userId} data-testid="team-load-row" data-user-id={r.userId}>
                  <TableHead scope="row" className="font-medium">
                    <Link href={agentInboxHref(r.userId)} className={textLink} aria-label={m.openInInbox(r.name)}>{r.name}</Link>
                  </TableHead>
                  <TableCell>
                    <Badge variant={r.availability === "online" ? "default" : "secondary"}>{m.availability[r.availability]}</Badge>
                  </TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="load-open">
                    {count.format(r.open)}
                    {over ? <Badge variant="destructive" className="ml-2">{m.overCapacity}</Badge> : null}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{r.capacity === null ? m.noCapacity : count.format(r.capacity)}</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="load-awaiting">{count.format(r.awaitingReply)}</TableCell>
                  <TableCell className={`text-right tabular-nums ${r.slaOverdue ? "font-semibold text-destructive" : ""}`} data-testid="load-overdue">{count.format(r.slaOverdue)}</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="load-due-soon">{count.format(r.slaDueSoon)}</TableCell>
                  {canManage ? <TableCell className="text-right">{reassign(r)}</TableCell> : null}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
          )}
        </>
      )}
      {reassigning ? (
        <ReassignDialog
          from={reassigning}
          targets={rows.filter((r) => r.availability === "online" && r.userId !== reassigning.userId)}
          onOpenChange={(open) => (open ? null : setReassigning(null))}
          onDone={() => void load.refetch()}
        />
      ) : null}
    </div>
  );
}

function QueueFigure({ label, value, testId, alert = false }: { label: string; value: string; testId: string; alert?: boolean }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={`text-lg tabular-nums ${alert ? "font-semibold text-destructive" : ""}`} data-testid={testId}>{value}</dd>
    </div>
  );
}
