"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useToast } from "@vendaflow/ui/toast";
import type { RuleAction, RuleCondition } from "@vendaflow/validators/routing";
import { Pencil, Plus, Route, Trash2, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { routingRules as routingRulesText } from "@/lib/i18n/pt-br/routing-rules";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { parseRule, type AgentOption, type InboxOption, type RuleRow, type TeamOption } from "./model";
import { RowActions } from "@/components/row-actions";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, routingRules: routingRulesText };

interface Names {
  teams: TeamOption[];
  agents: AgentOption[];
  inboxes: InboxOption[];
}

function conditionText(c: RuleCondition, names: Names): string {
  const show = (v: string | number) => {
    if (c.field === "channel") return t.routingRules.channels[String(v)] ?? String(v);
    if (c.field === "inbox") return names.inboxes.find((i) => i.id === v)?.name ?? String(v);
    return typeof v === "number" ? String(v) : `"${v}"`;
  };
  const value = Array.isArray(c.value) ? c.value.map(show).join(", ") : show(c.value);
  return t.routingRules.summary.condition(t.routingRules.fields[c.field], t.routingRules.ops[c.op], value);
}

function actionText(a: RuleAction, names: Names): string {
  switch (a.type) {
    case "assign_team":
      return t.routingRules.summary.team(names.teams.find((x) => x.id === a.teamId)?.name ?? t.routingRules.unknownTeam);
    case "assign_agent": {
      const agent = names.agents.find((x) => x.id === a.userId);
      return t.routingRules.summary.agent(agent ? agent.name || agent.email : t.routingRules.unknownAgent);
    }
    case "add_tag":
      return t.routingRules.summary.tag(a.tag);
    case "set_sla":
      return t.routingRules.summary.sla(a.minutes);
  }
}

// The rule editor loads when opened (not part of the route's first load).
const RuleDialog = onDemand(() => import("./rule-dialog").then((m) => m.RuleDialog), DialogLoading);

/** Admin page: routing rules in evaluation order, an active toggle, and the editor. */
export function RulesView() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const rules = useQuery(trpc.routing.rules.queryOptions());
  const teams = useQuery(trpc.routing.teams.queryOptions());
  const agents = useQuery(trpc.routing.agents.queryOptions());
  const inboxes = useQuery(trpc.inboxes.list.queryOptions());
  const names: Names = { teams: teams.data ?? [], agents: agents.data ?? [], inboxes: inboxes.data ?? [] };
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.routing.rules.queryKey() });
  const onError = (e: unknown) => toast.error(errorMessage(e));
  const toggle = useMutation(
    trpc.routing.saveRule.mutationOptions({
      onSuccess: (_r, input) => {
        toast.success(input.isActive ? t.routingRules.activated : t.routingRules.deactivated);
        refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.routing.deleteRule.mutationOptions({
      onSuccess: () => {
        toast.success(t.routingRules.deleted);
        refresh();
      },
      onError,
    }),
  );
  // undefined: closed; null: creating; a rule: editing it.
  const [editing, setEditing] = useState<RuleRow | null | undefined>(undefined);
  const createButton = <Button onClick={() => setEditing(null)}><Plus aria-hidden="true" />{t.routingRules.create}</Button>;

  const setActive = (rule: RuleRow, isActive: boolean) => {
    const { conditions, actions } = parseRule(rule);
    toggle.mutate({ id: rule.id, name: rule.name, priority: rule.priority, conditions, actions, isActive });
  };

  return (
    <div className="space-y-6">
      <PageHeader title={t.routingRules.title} description={t.routingRules.description} actions={createButton} />
      {rules.isLoading ? <Skeleton className="h-40" aria-busy="true" aria-label={t.common.loading} /> : null}
      {rules.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => rules.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {rules.data && rules.data.length === 0 ? <EmptyState icon={<Route />} title={t.routingRules.empty} description={t.routingRules.emptyHint} action={createButton} /> : null}
      {rules.data && rules.data.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-20">{t.routingRules.columns.priority}</TableHead>
              <TableHead>{t.routingRules.columns.name}</TableHead>
              <TableHead>{t.routingRules.columns.conditions}</TableHead>
              <TableHead>{t.routingRules.columns.actions}</TableHead>
              <TableHead className="w-16">{t.routingRules.columns.active}</TableHead>
              <TableHead><span className="sr-only">{t.routingRules.edit}</span></TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rules.data.map((rule) => {
              const parsed = parseRule(rule);
              return (
                <TableRow key={rule.id} data-testid="rule-row" data-name={rule.name} className={rule.is_active ? undefined : "text-muted-foreground"}>
                  <TableCell className="tabular-nums">{rule.priority}</TableCell>
                  <TableCell className="font-medium">
                    {rule.name}
                    {parsed.invalid ? (
                      <p className="mt-1 flex items-start gap-1 text-xs font-normal text-destructive"><TriangleAlert aria-hidden="true" className="mt-0.5 size-3 shrink-0" />{t.routingRules.invalidStored}</p>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {parsed.conditions.length === 0 && !parsed.invalid ? (
                      <span className="text-muted-foreground">{t.routingRules.always}</span>
                    ) : (
                      <ul className="space-y-0.5 text-xs">{parsed.conditions.map((c, i) => <li key={i}>{conditionText(c, names)}</li>)}</ul>
                    )}
                  </TableCell>
                  <TableCell>
                    <div className="flex flex-wrap gap-1">{parsed.actions.map((a, i) => <Badge key={i} variant="outline">{actionText(a, names)}</Badge>)}</div>
                  </TableCell>
                  <TableCell>
                    <Checkbox
                      aria-label={t.routingRules.activeToggle(rule.name)}
                      checked={rule.is_active}
                      // Re-saving a rule with an unreadable condition would drop it and widen the rule.
                      disabled={parsed.invalid || (toggle.isPending && toggle.variables?.id === rule.id)}
                      onChange={(e) => setActive(rule, e.target.checked)}
                    />
                  </TableCell>
                  <TableCell className="text-right whitespace-nowrap">
                    <RowActions
                      actions={[
                        { label: t.routingRules.edit, ariaLabel: t.routingRules.editRule(rule.name), icon: Pencil, onClick: () => setEditing(rule) },
                        { label: t.routingRules.delete, ariaLabel: t.routingRules.deleteRule(rule.name), icon: Trash2, confirm: t.routingRules.confirmDelete(rule.name), pending: remove.isPending && remove.variables?.id === rule.id, onClick: () => remove.mutate({ id: rule.id }) },
                      ]}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
      {editing !== undefined ? (
        <RuleDialog key={editing?.id ?? "new"} rule={editing} {...names} onOpenChange={(open) => !open && setEditing(undefined)} onSaved={refresh} />
      ) : null}
    </div>
  );
}
