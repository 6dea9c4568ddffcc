"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useState } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { privacy as privacyText } from "@/lib/i18n/pt-br/privacy";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { brDayOf } from "@/lib/dates";
import { useConfirm } from "@/components/confirm";
import { HintCard } from "./hint-card";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, privacy: privacyText };

const r = t.privacy.retention;

export function RetentionCard() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.privacy.retention.queryOptions());
  return (
    <HintCard title={r.title} hint={r.hint}>{settings.data ? <RetentionForm initial={settings.data} /> : <Skeleton className="h-24" />}</HintCard>
  );
}

function RetentionForm({ initial }: { initial: { enabled: boolean; unconvertedLeadMonths: number; lastRunAt: string | null; lastReport: Record<string, unknown> } }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const [months, setMonths] = useState(String(initial.unconvertedLeadMonths));
  const [enabled, setEnabled] = useState(initial.enabled);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [simulate, setSimulate] = useState<number | null>(null);
  const dry = useQuery(trpc.privacy.retentionDryRun.queryOptions({ unconvertedLeadMonths: simulate ?? 1 }, { enabled: simulate !== null }));
  const save = useMutation(trpc.privacy.saveRetention.mutationOptions());
  const apply = useMutation(trpc.privacy.applyRetention.mutationOptions());
  const onSave = async () => {
    setErrors({});
    try {
      await save.mutateAsync({ enabled, unconvertedLeadMonths: Number(months) });
      toast.success(r.saved);
      void qc.invalidateQueries();
    } catch (err) {
      setErrors(fieldErrors(err));
      toast.error(errorMessage(err));
    }
  };
  const onApply = async () => {
    if (!(await confirm({ title: r.applyConfirm(initial.unconvertedLeadMonths), description: r.applyConfirmText, actionLabel: r.applyConfirmAction }))) return;
    try {
      const res = await apply.mutateAsync();
      toast.success(r.applied(res.batch, res.remaining));
      void qc.invalidateQueries();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  const report = initial.lastReport as { anonymised?: number };
  return (
    <div className="space-y-4" data-testid="retention-form">
      <div className="grid items-end gap-4 sm:grid-cols-[12rem_1fr]">
        <FormField label={r.months} error={errors.unconvertedLeadMonths}><Input value={months} onChange={(e) => setMonths(e.target.value)} inputMode="numeric" /></FormField>
        <label className="flex items-center gap-2 pb-2 text-sm"><Checkbox checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{r.enabled}</label>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={() => setSimulate(Number(months) || 0)} data-testid="retention-dry-run">{r.dryRun}</Button>
        <Button onClick={onSave} loading={save.isPending}>{t.common.save}</Button>
        {/* Only for a policy that is on (saved): the server refuses otherwise, since no sweep would continue the run (docs/privacy.md). */}
        <Button variant="destructive" onClick={onApply} loading={apply.isPending} disabled={!initial.enabled} aria-describedby={initial.enabled ? undefined : "retention-apply-hint"} data-testid="retention-apply">{r.apply}</Button>
      </div>
      {initial.enabled ? null : <p id="retention-apply-hint" className="text-xs text-muted-foreground">{r.applyNeedsPolicy}</p>}
      {dry.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(dry.error)}</AlertDescription></Alert> : null}
      {dry.data ? (
        <div className="text-sm" data-testid="retention-report">
          <p>{r.wouldAnonymise(dry.data.count, brDayOf(dry.data.cutoff))}</p>
          <ul className="mt-1 list-disc pl-5 text-xs text-muted-foreground">{dry.data.sample.map((s) => <li key={s.id}>{s.name ?? s.id} — {brDayOf(s.lastActivityAt)}</li>)}</ul>
        </div>
      ) : null}
      {initial.lastRunAt ? <p className="text-xs text-muted-foreground">{r.lastRun(brDayOf(initial.lastRunAt), report.anonymised ?? 0)}</p> : null}
    </div>
  );
}
