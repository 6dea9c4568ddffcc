"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useEffect } from "react";
import { useForm } from "@/components/use-form";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { leadScoreSettings as leadScoreText } from "@/lib/i18n/pt-br/lead-score";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, leadScore: leadScoreText };

const FIELDS = ["perMessage", "maxMessages", "perReply", "maxReplies", "perMeeting", "maxMeetings"] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const empty = Object.fromEntries(FIELDS.map((f) => [f, ""])) as Values;
// An empty box is sent as NaN so the server's zod message names the field.
const toNumber = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

/**
 * The lead score's engagement weights (admins) and the recompute a save starts: it runs in the
 * background (/api/jobs/lead-score-recompute), so the section polls its progress while it runs.
 */
export function LeadScoreSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const weights = useQuery(trpc.crm.leadScore.weights.queryOptions());
  const status = useQuery(trpc.crm.leadScore.recompute.queryOptions(undefined, { refetchInterval: (q) => (q.state.data?.running ? 2_000 : false) }));
  const save = useMutation(trpc.crm.leadScore.saveWeights.mutationOptions());
  const form = useForm(empty, async (v) => {
    const saved = await save.mutateAsync(Object.fromEntries(FIELDS.map((f) => [f, toNumber(v[f])])));
    toast.success(t.leadScore.started(saved.recompute.total));
    qc.setQueryData(trpc.crm.leadScore.recompute.queryKey(), saved.recompute);
    await qc.invalidateQueries({ queryKey: trpc.crm.leadScore.weights.queryKey() });
  });
  const { setValues } = form;
  useEffect(() => {
    const w = weights.data;
    if (w) setValues(Object.fromEntries(FIELDS.map((f) => [f, String(w[f])])) as Values);
  }, [weights.data, setValues]);

  const s = status.data;
  return (
    <section className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{t.leadScore.title}</h2>
        <p className="text-sm text-muted-foreground">{t.leadScore.description}</p>
      </div>
      {weights.isLoading ? <Skeleton className="h-48" aria-busy="true" aria-label={t.common.loading} /> : null}
      {weights.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError}</AlertDescription></Alert> : null}
      {weights.data ? (
        <form onSubmit={form.onSubmit} className="grid gap-4 md:grid-cols-2" noValidate>
          {FIELDS.map((f) => (
            <FormField key={f} label={t.leadScore[f]} error={form.errors[f]}>
              <Input {...form.field(f)} inputMode="numeric" />
            </FormField>
          ))}
          {form.formError ? <Alert variant="destructive" className="md:col-span-2"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
          <div className="md:col-span-2"><Button type="submit" loading={form.pending}>{t.common.save}</Button></div>
        </form>
      ) : null}
      <div role="status" aria-live="polite" className="text-sm">
        {status.isLoading ? <Skeleton className="h-5 w-64" /> : null}
        {status.error ? <Alert variant="destructive"><AlertDescription>{t.leadScore.statusError} {errorMessage(status.error)}</AlertDescription></Alert> : null}
        {s?.running ? (
          <div className="space-y-1">
            <p>{t.leadScore.recomputing(s.done, s.total)}</p>
            <progress aria-label={t.leadScore.recomputing(s.done, s.total)} className="h-2 w-full" max={Math.max(s.total, 1)} value={Math.min(s.done, s.total)} />
          </div>
        ) : s?.finishedAt ? (
          <p className="text-muted-foreground">{t.leadScore.finished(s.done)}</p>
        ) : null}
      </div>
    </section>
  );
}
