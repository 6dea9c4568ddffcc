"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { stageKinds } from "@vendaflow/validators/plain/crm";
import type { StageKind } from "@vendaflow/validators/crm";
import { ArrowDown, ArrowUp, Plus, Trash2, X } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { PipelineView } from "@/lib/crm/board";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useConfirm } from "@/components/confirm";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText };

type StageDraft = { id?: string; name: string; probability: string; kind: StageKind };
const s = t.crm.settings;

const NEW_PIPELINE: StageDraft[] = [
  { name: "Novo", probability: "10", kind: "open" },
  { name: "Ganho", probability: "100", kind: "won" },
  { name: "Perdido", probability: "0", kind: "lost" },
];

export function PipelinesSection() {
  const trpc = useTRPC();
  const pipelines = useQuery(trpc.crm.pipelines.list.queryOptions());
  const [adding, setAdding] = useState(false);
  return (
    <section className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold">{s.pipelines}</h2>
          <p className="text-sm text-muted-foreground">{s.pipelinesHint}</p>
        </div>
        <Button variant="outline" onClick={() => setAdding(true)}><Plus aria-hidden="true" />{s.newPipeline}</Button>
      </div>
      {pipelines.isLoading ? <Skeleton className="h-40" aria-busy="true" aria-label={t.common.loading} /> : null}
      {pipelines.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => pipelines.refetch()}>{t.common.retry}</Button></AlertDescription></Alert> : null}
      {(pipelines.data ?? []).map((p) => <PipelineEditor key={p.id} pipeline={p} />)}
      {adding ? <PipelineEditor pipeline={null} onDone={() => setAdding(false)} /> : null}
    </section>
  );
}

function PipelineEditor({ pipeline, onDone }: { pipeline: PipelineView | null; onDone?: () => void }) {
  const confirm = useConfirm();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const save = useMutation(trpc.crm.pipelines.save.mutationOptions());
  const remove = useMutation(trpc.crm.pipelines.delete.mutationOptions());
  const [name, setName] = useState(pipeline?.name ?? "");
  const [isDefault, setDefault] = useState(pipeline?.is_default ?? false);
  const [stages, setStages] = useState<StageDraft[]>(
    pipeline ? pipeline.stages.map((x) => ({ id: x.id, name: x.name, probability: String(x.probability), kind: x.kind as StageKind })) : NEW_PIPELINE,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.crm.pipelines.pathKey() });
  const edit = (i: number, patch: Partial<StageDraft>) => setStages((all) => all.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const move = (i: number, by: -1 | 1) =>
    setStages((all) => {
      const next = [...all];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item!);
      return next;
    });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    try {
      await save.mutateAsync({ id: pipeline?.id ?? null, name, isDefault, stages: stages.map((x) => ({ ...(x.id ? { id: x.id } : {}), name: x.name, probability: Number(x.probability), kind: x.kind })) });
      toast.success(s.pipelineSaved);
      await refresh();
      onDone?.();
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(fe.stages ?? (Object.keys(fe).length ? null : errorMessage(err)));
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">{pipeline?.name ?? s.newPipeline} {pipeline?.is_default ? <Badge variant="secondary">{s.default}</Badge> : null}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="pipeline-form">
          <FormField label={s.pipelineName} error={errors.name} required><Input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} /></FormField>
          <Checkbox label={s.isDefault} checked={isDefault} onChange={(e) => setDefault(e.target.checked)} />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{s.stages}</legend>
            {/* The fields' labels are sr-only: without these headings a sighted admin saw "10", "25"… with nothing saying they are probabilities. */}
            <div aria-hidden="true" className="hidden gap-2 text-xs text-muted-foreground sm:grid sm:grid-cols-[minmax(0,1fr)_7rem_8rem_auto]" data-testid="stage-headings">
              <span>{s.stageName}</span>
              <span>{s.stageProbability}</span>
              <span>{s.stageKind}</span>
              <span className="w-[7.25rem]" />
            </div>
            {stages.map((st, i) => (
              <div key={st.id ?? `new-${i}`} className="grid grid-cols-[4.5rem_minmax(0,1fr)_auto] items-start gap-2 sm:grid-cols-[minmax(0,1fr)_7rem_8rem_auto]">
                {/* On a phone the name takes its own line; probability, kind and the buttons share the next. */}
                <FormField className="col-span-3 sm:col-span-1" label={<span className="sr-only">{s.stageName}</span>} error={errors[`stages.${i}.name`]}><Input aria-label={s.stageName} value={st.name} onChange={(e) => edit(i, { name: e.target.value })} maxLength={60} /></FormField>
                <FormField label={<span className="sr-only">{s.stageProbability}</span>} error={errors[`stages.${i}.probability`]}><Input aria-label={s.stageProbability} type="number" min={0} max={100} value={st.probability} onChange={(e) => edit(i, { probability: e.target.value })} /></FormField>
                <FormField label={<span className="sr-only">{s.stageKind}</span>} error={errors[`stages.${i}.kind`]}>
                  <Select aria-label={s.stageKind} value={st.kind} onChange={(e) => edit(i, { kind: e.target.value as StageKind })}>
                    {stageKinds.map((k) => <SelectOption key={k} value={k}>{s.kinds[k]}</SelectOption>)}
                  </Select>
                </FormField>
                <div className="flex gap-1">
                  <Button type="button" size="icon" variant="ghost" className="size-9" disabled={i === 0} onClick={() => move(i, -1)} aria-label={s.moveUp(st.name)}><ArrowUp aria-hidden="true" /></Button>
                  <Button type="button" size="icon" variant="ghost" className="size-9" disabled={i === stages.length - 1} onClick={() => move(i, 1)} aria-label={s.moveDown(st.name)}><ArrowDown aria-hidden="true" /></Button>
                  <Button type="button" size="icon" variant="ghost" className="size-9" onClick={() => setStages((all) => all.filter((_, j) => j !== i))} aria-label={s.removeStage(st.name)}><X aria-hidden="true" /></Button>
                </div>
              </div>
            ))}
            <Button type="button" variant="outline" size="sm" onClick={() => setStages((all) => [...all.slice(0, -2), { name: "", probability: "50", kind: "open" }, ...all.slice(-2)])}><Plus aria-hidden="true" />{s.addStage}</Button>
          </fieldset>
          {formError ? <Alert variant="destructive"><AlertDescription>{formError}</AlertDescription></Alert> : null}
          <div className="flex justify-between gap-2">
            {pipeline && !pipeline.is_default ? (
              <Button type="button" variant="outline" onClick={async () => (await confirm({ title: s.confirmDeletePipeline(pipeline.name) })) && remove.mutate({ id: pipeline.id }, { onSuccess: () => { toast.success(s.pipelineDeleted); void refresh(); }, onError: (e) => toast.error(errorMessage(e)) })}>
                <Trash2 aria-hidden="true" />{s.deletePipeline}
              </Button>
            ) : <span />}
            <div className="flex gap-2">
              {onDone ? <Button type="button" variant="outline" onClick={onDone}>{t.common.cancel}</Button> : null}
              <Button type="submit" loading={save.isPending}>{t.common.save}</Button>
            </div>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
