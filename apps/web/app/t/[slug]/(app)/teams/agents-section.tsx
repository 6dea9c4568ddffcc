"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useToast } from "@vendaflow/ui/toast";
import { availabilities } from "@vendaflow/validators/plain/routing";
import type { Availability } from "@vendaflow/validators/routing";
import { Pencil } from "lucide-react";
import { useState } from "react";
import { common as commonText, roles as rolesText } from "@/lib/i18n/pt-br/common";
import { teams as teamsText } from "@/lib/i18n/pt-br/teams";
import { useTRPC } from "@/lib/trpc/client";
import { unplacedErrors } from "@/lib/trpc/errors";
import { useSubmitErrors } from "@/components/use-submit-errors";
import { splitSkills, type AgentView } from "./model";
import { FormActions } from "@/components/form-actions";
import { FormErrorAlert } from "@/components/form-error-alert";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, roles: rolesText, teams: teamsText };

const DEFAULT_CAPACITY = 5;
const availabilityOf = (a: AgentView): Availability => ((availabilities as readonly string[]).includes(a.availability ?? "") ? (a.availability as Availability) : "offline");
const badgeVariant = { online: "success", away: "warning", offline: "secondary" } as const;

/** Admins and agents with their routing profile (a user without one is offline, capacity 5, no skills). */
export function AgentsSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const agents = useQuery(trpc.routing.agents.queryOptions());
  const [editing, setEditing] = useState<AgentView | null>(null);

  return (
    <section className="space-y-4" aria-labelledby="agents-title">
      <div className="space-y-1">
        <h2 id="agents-title" className="text-lg font-semibold">{t.teams.agents.title}</h2>
        <p className="text-sm text-muted-foreground">{t.teams.agents.description}</p>
      </div>
      {agents.isLoading ? <Skeleton className="h-32" aria-busy="true" aria-label={t.common.loading} /> : null}
      {agents.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => agents.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {agents.data && agents.data.length === 0 ? <EmptyState title={t.teams.agents.empty} /> : null}
      {agents.data && agents.data.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t.teams.agents.columns.name}</TableHead>
              <TableHead>{t.teams.agents.columns.availability}</TableHead>
              <TableHead>{t.teams.agents.columns.capacity}</TableHead>
              <TableHead>{t.teams.agents.columns.skills}</TableHead>
              <TableHead><span className="sr-only">{t.teams.agents.edit}</span></TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {agents.data.map((a) => {
              const availability = availabilityOf(a);
              return (
                <TableRow key={a.id} data-testid="agent-row" data-email={a.email}>
                  <TableCell>
                    <div className="font-medium">{a.name || a.email}</div>
                    <div className="text-xs text-muted-foreground">{a.email} · {t.roles[a.role as keyof typeof t.roles] ?? a.role}</div>
                  </TableCell>
                  <TableCell><Badge variant={badgeVariant[availability]}>{t.teams.agents.availability[availability]}</Badge></TableCell>
                  <TableCell className="tabular-nums">{t.teams.agents.capacityValue(a.capacity ?? DEFAULT_CAPACITY)}</TableCell>
                  <TableCell>
                    {a.skills?.length ? (
                      <div className="flex flex-wrap gap-1">{a.skills.map((s) => <Badge key={s} variant="outline">{s}</Badge>)}</div>
                    ) : (
                      <span className="text-muted-foreground">{t.teams.agents.noSkills}</span>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    <Button size="sm" variant="outline" onClick={() => setEditing(a)} aria-label={t.teams.agents.editAgent(a.name || a.email)}><Pencil aria-hidden="true" />{t.teams.agents.edit}</Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
      {editing ? (
        <AgentDialog key={editing.id} agent={editing} onOpenChange={(open) => !open && setEditing(null)} onSaved={() => qc.invalidateQueries({ queryKey: trpc.routing.agents.queryKey() })} />
      ) : null}
    </section>
  );
}

function AgentDialog({ agent, onOpenChange, onSaved }: { agent: AgentView; onOpenChange: (open: boolean) => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const save = useMutation(trpc.routing.saveAgentProfile.mutationOptions());
  const [capacity, setCapacity] = useState(String(agent.capacity ?? DEFAULT_CAPACITY));
  const [skills, setSkills] = useState((agent.skills ?? []).join(", "));
  const { errors, formError, submit } = useSubmitErrors();

  const onSubmit = submit(async () => {
    await save.mutateAsync({ userId: agent.id, capacity: Number(capacity), skills: splitSkills(skills) });
    toast.success(t.teams.agents.saved);
    onSaved();
    onOpenChange(false);
  });
  const skillsError = Object.entries(errors).find(([k]) => k === "skills" || k.startsWith("skills."))?.[1];
  const leftover = unplacedErrors(errors, (k) => k === "capacity" || k === "skills" || k.startsWith("skills."));

  return (
    <Dialog open onOpenChange={onOpenChange} title={t.teams.agents.editTitle} description={agent.name || agent.email}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormField label={t.teams.agents.capacity} error={errors.capacity} description={t.teams.agents.capacityHint} required>
          <Input name="capacity" type="number" inputMode="numeric" min={1} max={200} step={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
        </FormField>
        <FormField label={t.teams.agents.skills} error={skillsError} description={t.teams.agents.skillsHint}>
          <Input name="skills" value={skills} onChange={(e) => setSkills(e.target.value)} placeholder="vendas, automação" autoComplete="off" />
        </FormField>
        <FormErrorAlert formError={formError} unplaced={leftover} />
        <FormActions onCancel={() => onOpenChange(false)} pending={save.isPending} />
      </form>
    </Dialog>
  );
}
