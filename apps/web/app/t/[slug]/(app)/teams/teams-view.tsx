"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useToast } from "@vendaflow/ui/toast";
import { Pencil, Plus, Trash2, UsersRound } from "lucide-react";
import { useState } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { teams as teamsText } from "@/lib/i18n/pt-br/teams";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { AgentsSection } from "./agents-section";
import { distributionOf, leadTiers, slaOf, type TeamView } from "./model";
import { RowActions } from "@/components/row-actions";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, teams: teamsText };

// The team editor loads when opened (not part of the route's first load).
const TeamDialog = onDemand(() => import("./team-dialog").then((m) => m.TeamDialog), DialogLoading);

/** Admin page: teams (members in round-robin order, distribution, SLA per tier) and the agents' profiles. */
export function TeamsView() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const teams = useQuery(trpc.routing.teams.queryOptions());
  const agents = useQuery(trpc.routing.agents.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.routing.teams.queryKey() });
  const remove = useMutation(
    trpc.routing.deleteTeam.mutationOptions({
      onSuccess: () => {
        toast.success(t.teams.deleted);
        refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  // undefined: closed; null: creating; a team: editing it.
  const [editing, setEditing] = useState<TeamView | null | undefined>(undefined);
  const nameOf = new Map((agents.data ?? []).map((a) => [a.id, a.name || a.email]));
  const createButton = <Button onClick={() => setEditing(null)}><Plus aria-hidden="true" />{t.teams.create}</Button>;

  return (
    <div className="space-y-10">
      <section className="space-y-6">
        <PageHeader title={t.teams.title} description={t.teams.description} actions={createButton} />
        {teams.isLoading ? <Skeleton className="h-40" aria-busy="true" aria-label={t.common.loading} /> : null}
        {teams.error ? (
          <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => teams.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
        ) : null}
        {teams.data && teams.data.length === 0 ? <EmptyState icon={<UsersRound />} title={t.teams.empty} description={t.teams.emptyHint} action={createButton} /> : null}
        {teams.data && teams.data.length > 0 ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t.teams.columns.name}</TableHead>
                <TableHead>{t.teams.columns.distribution}</TableHead>
                <TableHead>{t.teams.columns.members}</TableHead>
                <TableHead>{t.teams.columns.sla}</TableHead>
                <TableHead><span className="sr-only">{t.teams.edit}</span></TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {teams.data.map((team) => {
                const sla = slaOf(team);
                return (
                  <TableRow key={team.id} data-testid="team-row" data-name={team.name}>
                    <TableCell className="font-medium">
                      {team.name} {team.is_active ? null : <Badge variant="secondary">{t.teams.inactive}</Badge>}
                    </TableCell>
                    <TableCell>{t.teams.distributions[distributionOf(team.distribution)]}</TableCell>
                    <TableCell>
                      {team.memberIds.length === 0 ? (
                        <span className="text-muted-foreground">{t.teams.noMembers}</span>
                      ) : (
                        <ol className="list-inside list-decimal space-y-0.5">
                          {team.memberIds.map((id) => <li key={id}>{nameOf.get(id) ?? "…"}</li>)}
                        </ol>
                      )}
                    </TableCell>
                    <TableCell>
                      <ul className="space-y-0.5 text-xs">
                        {leadTiers.map((tier) => (
                          <li key={tier} className={sla[tier] === undefined ? "text-muted-foreground" : undefined}>
                            {t.teams.slaCell(t.teams.tiers[tier], sla[tier] ?? t.teams.tierDefaults[tier], sla[tier] === undefined)}
                          </li>
                        ))}
                      </ul>
                    </TableCell>
                    <TableCell className="text-right whitespace-nowrap">
                      <RowActions
                        actions={[
                          { label: t.teams.edit, ariaLabel: t.teams.editTeam(team.name), icon: Pencil, onClick: () => setEditing(team) },
                          { label: t.teams.delete, ariaLabel: t.teams.deleteTeam(team.name), icon: Trash2, confirm: t.teams.confirmDelete(team.name), pending: remove.isPending && remove.variables?.id === team.id, onClick: () => remove.mutate({ id: team.id }) },
                        ]}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        ) : null}
      </section>

      <AgentsSection />

      {editing !== undefined ? (
        <TeamDialog
          key={editing?.id ?? "new"}
          team={editing}
          agents={agents.data ?? []}
          onOpenChange={(open) => !open && setEditing(undefined)}
          onSaved={refresh}
        />
      ) : null}
    </div>
  );
}
