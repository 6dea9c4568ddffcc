"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useState, type FormEvent } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText };

const s = t.crm.settings;

export function LostReasonsSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const reasons = useQuery(trpc.crm.pipelines.lostReasons.queryOptions({ includeInactive: true }));
  const save = useMutation(trpc.crm.pipelines.saveLostReason.mutationOptions());
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.crm.pipelines.lostReasons.pathKey() });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await save.mutateAsync({ id: null, name, position: (reasons.data?.length ?? 0) });
      setName("");
      toast.success(s.reasonSaved);
      await refresh();
    } catch (err) {
      setError(fieldErrors(err).name ?? errorMessage(err));
    }
  };

  return (
    <section className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{s.lostReasons}</h2>
        <p className="text-sm text-muted-foreground">{s.lostReasonsHint}</p>
      </div>
      {reasons.isLoading ? <Skeleton className="h-24" aria-busy="true" aria-label={t.common.loading} /> : null}
      {reasons.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError}</AlertDescription></Alert> : null}
      <ul className="grid gap-2 sm:grid-cols-2">
        {(reasons.data ?? []).map((r) => (
          <li key={r.id} className="flex items-center justify-between rounded-lg border px-3 py-2 text-sm">
            <span className={r.is_active ? undefined : "text-muted-foreground line-through"}>{r.name}</span>
            <Checkbox
              label={s.reasonActive}
              checked={r.is_active}
              onChange={(e) => save.mutate({ id: r.id, name: r.name, position: r.position, isActive: e.target.checked }, { onSuccess: () => void refresh(), onError: (err) => toast.error(errorMessage(err)) })}
            />
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit} className="flex items-end gap-2" noValidate>
        <FormField label={s.newReason} error={error} className="flex-1"><Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} /></FormField>
        <Button type="submit" loading={save.isPending}>{s.addReason}</Button>
      </form>
    </section>
  );
}
