"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import type { AutomationTrigger } from "@vendaflow/validators/automations";
import { Plus, Workflow } from "lucide-react";
import { useState } from "react";
import { automations as automationsText } from "@/lib/i18n/pt-br/automations";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { AutomationDraft } from "./automation-form";
import { CardLoading, onDemand } from "@/components/loading";
import { useConfirm } from "@/components/confirm";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { automations: automationsText, common: commonText };

const a = t.automations;
const empty: AutomationDraft = { id: null, name: "", trigger: "deal_won", conditions: [], actions: [{ type: "create_task", subject: "", dueInHours: 24, assignTo: "owner" }], isActive: true, maxPerEntityPerHour: 3 };

// The editor and the run log load when opened: zod (the editor's parsing) stays out of the first load.
const AutomationForm = onDemand(() => import("./automation-form").then((m) => m.AutomationForm), () => <CardLoading className="h-96" />);
const RunLog = onDemand(() => import("./run-log").then((m) => m.RunLog), () => <CardLoading className="h-16" />);

export function AutomationsView() {
  const confirm = useConfirm();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const list = useQuery(trpc.automations.list.queryOptions());
  const remove = useMutation(trpc.automations.delete.mutationOptions());
  const [editing, setEditing] = useState<AutomationDraft | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.automations.pathKey() });
  const done = (saved: boolean) => {
    setEditing(null);
    if (saved) {
      toast.success(a.saved);
      void refresh();
    }
  };
  const createButton = <Button onClick={() => setEditing(empty)} data-testid="new-automation"><Plus aria-hidden="true" />{a.create}</Button>;

  return (
    <div className="space-y-6">
      <PageHeader title={a.title} description={a.description} actions={editing ? null : createButton} />
      {editing ? <AutomationForm key={editing.id ?? "new"} initial={editing} onDone={done} /> : null}
      {list.isLoading ? <Skeleton className="h-32" aria-busy="true" aria-label={t.common.loading} /> : null}
      {list.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError}</AlertDescription></Alert> : null}
      {list.data && list.data.length === 0 && !editing ? <EmptyState icon={<Workflow />} title={a.empty} action={createButton} /> : null}
      <ul className="space-y-3">
        {(list.data ?? []).map((x) => (
          <li key={x.id} className="space-y-3 rounded-lg border p-4" data-testid="automation" data-name={x.name}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div>
                <p className="font-medium">{x.name} <Badge variant={x.is_active ? "success" : "secondary"}>{x.is_active ? a.active : a.inactive}</Badge></p>
                <p className="text-sm text-muted-foreground">{a.triggers[x.trigger as AutomationTrigger] ?? x.trigger} · {a.runs24h(x.runs_24h, x.failed_24h)}</p>
              </div>
              <div className="flex gap-2">
                <Button size="sm" variant="outline" onClick={() => setOpen(open === x.id ? null : x.id)}>{a.log}</Button>
                <Button size="sm" variant="outline" onClick={() => void import("./stored").then((m) => setEditing({ id: x.id, name: x.name, trigger: x.trigger as AutomationTrigger, conditions: m.storedConditions(x.conditions), actions: m.storedActions(x.actions), isActive: x.is_active, maxPerEntityPerHour: x.max_per_entity_per_hour }))}>{a.edit}</Button>
                <Button size="sm" variant="ghost" onClick={async () => {
                  if (!(await confirm({ title: a.confirmRemove(x.name) }))) return;
                  try {
                    await remove.mutateAsync({ id: x.id });
                    toast.success(a.removed);
                    await refresh();
                  } catch (err) {
                    toast.error(errorMessage(err));
                  }
                }}>{a.remove}</Button>
              </div>
            </div>
            {open === x.id ? <RunLog automationId={x.id} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
