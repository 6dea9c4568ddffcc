"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { cn } from "@vendaflow/ui/cn";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Textarea } from "@vendaflow/ui/textarea";
import { bandBoundaries, OPTION_LABEL_MAX, stepFields, stepKinds } from "@vendaflow/validators/plain/flow";
import type { FlowBands, FlowStep, StepField, StepKind } from "@vendaflow/validators/flow";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { addOption, moveItem, removeOption, renameOption, setBranch, stepUses, updateOption } from "./editor-model";
import { AmountField, NumberField } from "./fields";
import { SynonymsField } from "./synonyms-field";
import { flows as flowsText } from "@/lib/i18n/pt-br/flows";
import { useConfirm } from "@/components/confirm";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { flows: flowsText };

export interface StepCardProps {
  step: FlowStep;
  index: number;
  count: number;
  stepIds: string[];
  isStart: boolean;
  flowInvalidLimit: number;
  issues: string[];
  onChange: (step: FlowStep) => void;
  onRename: (id: string) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** Target step select: "end of flow" (or "same as next"), the flow's steps, and a dangling id if there is one. */
function TargetSelect({ value, stepIds, emptyLabel, ...props }: { value: string; stepIds: string[]; emptyLabel: string; onChange: (v: string) => void; "aria-label"?: string; id?: string }) {
  const ids = [...new Set(stepIds)];
  return (
    <Select id={props.id} aria-label={props["aria-label"]} value={value} onChange={(e) => props.onChange(e.target.value)} aria-invalid={value && !ids.includes(value) ? true : undefined}>
      <SelectOption value="">{emptyLabel}</SelectOption>
      {ids.map((id) => <SelectOption key={id} value={id}>{id}</SelectOption>)}
      {value && !ids.includes(value) ? <SelectOption value={value}>{t.flows.missingStep(value)}</SelectOption> : null}
    </Select>
  );
}

function Section({ title, hint, children, action }: { title: string; hint?: string; children: ReactNode; action?: ReactNode }) {
  return (
    <fieldset className="space-y-2 rounded-lg border p-3">
      <legend className="px-1 text-sm font-medium">{title}</legend>
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      {children}
      {action ? <div>{action}</div> : null}
    </fieldset>
  );
}

const iconButton = "size-8 shrink-0";

export function StepCard({ step, index, count, stepIds, isStart, flowInvalidLimit, issues, onChange, onRename, onMove, onRemove }: StepCardProps) {
  const confirm = useConfirm();
  const options = step.options ?? [];
  const others = stepIds;
  const set = (change: Partial<FlowStep>) => onChange({ ...step, ...change });
  const setBands = (bands: FlowBands | undefined) => {
    const next = { ...step };
    if (bands) next.bands = bands;
    else delete next.bands;
    onChange(next);
  };
  // Option rows are keyed by position too: the focus follows the moved option's arrow (see flow-editor's focusInStep).
  const moveOption = (i: number, delta: -1 | 1) => {
    onChange({ ...step, options: moveItem(options, i, delta) });
    requestAnimationFrame(() => {
      const row = document.getElementById(`step-${index}`)?.querySelectorAll<HTMLElement>('[data-testid="option-row"]')[i + delta];
      const arrow = (action: string) => row?.querySelector<HTMLButtonElement>(`[data-option-action="${action}"]:not(:disabled)`);
      (arrow(delta < 0 ? "up" : "down") ?? arrow(delta < 0 ? "down" : "up"))?.focus();
    });
  };
  const showOptions = step.kind === "options" || (step.kind === "number" && !!step.bands);
  const hasIssues = issues.length > 0;

  return (
    <Card id={`step-${index}`} data-testid="step-card" data-step-id={step.id} className={cn("scroll-mt-18 gap-4", hasIssues && "border-destructive/60")}>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle className="flex items-center gap-2 text-base">
          {t.flows.stepTitle(index + 1)} <span className="font-mono text-sm text-muted-foreground">{step.id}</span>
          {isStart ? <Badge variant="secondary">{t.flows.startBadge}</Badge> : null}
        </CardTitle>
        <div className="flex gap-1">
          <Button type="button" variant="ghost" size="icon" className={iconButton} data-step-action="up" aria-label={t.flows.moveStepUp(step.id)} title={t.flows.moveUp} disabled={index === 0} onClick={() => onMove(-1)}><ArrowUp /></Button>
          <Button type="button" variant="ghost" size="icon" className={iconButton} data-step-action="down" aria-label={t.flows.moveStepDown(step.id)} title={t.flows.moveDown} disabled={index === count - 1} onClick={() => onMove(1)}><ArrowDown /></Button>
          <Button type="button" variant="ghost" size="icon" className={iconButton} data-step-action="remove" aria-label={t.flows.removeStepNamed(step.id)} title={t.flows.removeStep} disabled={count === 1} onClick={async () => (await confirm({ title: t.flows.confirmRemoveStep(step.id), actionLabel: t.flows.removeStep })) && onRemove()}><Trash2 /></Button>
        </div>
      </CardHeader>
      <CardContent className="space-y-4">
        {hasIssues ? (
          <Alert variant="destructive" data-testid="step-issues">
            <AlertDescription>
              <ul className="list-disc space-y-1 pl-4">{issues.map((m) => <li key={m}>{m}</li>)}</ul>
            </AlertDescription>
          </Alert>
        ) : null}
        <div className="grid items-start gap-3 sm:grid-cols-3">
          <FormField label={t.flows.stepId} description={t.flows.stepIdHint}>
            <Input value={step.id} onChange={(e) => onRename(e.target.value.trim())} className="font-mono" />
          </FormField>
          <FormField label={t.flows.kind}>
            <Select value={step.kind} onChange={(e) => set({ kind: e.target.value as StepKind })}>
              {stepKinds.map((k) => <SelectOption key={k} value={k}>{t.flows.kinds[k]}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={t.flows.field}>
            <Select value={step.field ?? ""} onChange={(e) => set({ field: (e.target.value || undefined) as StepField | undefined })}>
              <SelectOption value="">{t.flows.noField}</SelectOption>
              {stepFields.map((f) => <SelectOption key={f} value={f}>{t.flows.fields[f]}</SelectOption>)}
            </Select>
          </FormField>
        </div>
        <FormField label={t.flows.question} required>
          <Textarea value={step.question} onChange={(e) => set({ question: e.target.value })} rows={2} />
        </FormField>

        {showOptions ? (
          <Section
            title={t.flows.options}
            action={<Button type="button" size="sm" variant="outline" onClick={() => onChange(addOption(step))}><Plus />{t.flows.addOption}</Button>}
          >
            {options.length === 0 ? <p className="text-sm text-muted-foreground">{t.flows.noOptions}</p> : null}
            <div className="space-y-3">
              {options.map((o, i) => {
                const over = o.label.length > OPTION_LABEL_MAX;
                return (
                  <div key={i} data-testid="option-row" className="grid gap-2 rounded-md border p-2 sm:grid-cols-[7rem_minmax(0,1fr)_minmax(0,1.5fr)_4.5rem] sm:items-end">
                    <FormField label={t.flows.optionId} labelClassName="text-xs">
                      <Input value={o.id} onChange={(e) => onChange(renameOption(step, i, e.target.value.trim()))} className="font-mono" />
                    </FormField>
                    <FormField
                      label={
                        <span className="flex w-full justify-between gap-2">
                          {t.flows.optionLabel}
                          <span data-testid="label-counter" className={cn("tabular-nums", over ? "font-semibold text-destructive" : "text-muted-foreground")}>{t.flows.labelCounter(o.label.length, OPTION_LABEL_MAX)}</span>
                        </span>
                      }
                      labelClassName="w-full text-xs"
                    >
                      <Input value={o.label} onChange={(e) => onChange(updateOption(step, i, { label: e.target.value }))} aria-invalid={over || undefined} />
                    </FormField>
                    <FormField label={t.flows.optionText} labelClassName="text-xs">
                      <Input value={o.text} onChange={(e) => onChange(updateOption(step, i, { text: e.target.value }))} />
                    </FormField>
                    <FormField label={t.flows.optionScore} labelClassName="text-xs">
                      <NumberField value={o.score} onValueChange={(score) => onChange(updateOption(step, i, { score: score ?? 0 }))} />
                    </FormField>
                    {step.kind === "options" ? <SynonymsField value={o.synonyms} onChange={(synonyms) => onChange(updateOption(step, i, { synonyms }))} /> : null}
                    <div className="flex flex-wrap items-end gap-2 sm:col-span-4">
                      {step.kind === "options" ? (
                        <FormField label={t.flows.optionNext} labelClassName="text-xs" className="min-w-48 flex-1">
                          <TargetSelect value={step.nextByOption?.[o.id] ?? ""} stepIds={others} emptyLabel={t.flows.sameAsNext} onChange={(v) => onChange(setBranch(step, o.id, v))} />
                        </FormField>
                      ) : <div className="flex-1" />}
                      <div className="flex gap-1">
                        <Button type="button" variant="ghost" size="icon" className={iconButton} data-option-action="up" aria-label={t.flows.moveOptionUp(i + 1)} title={t.flows.moveUp} disabled={i === 0} onClick={() => moveOption(i, -1)}><ArrowUp /></Button>
                        <Button type="button" variant="ghost" size="icon" className={iconButton} data-option-action="down" aria-label={t.flows.moveOptionDown(i + 1)} title={t.flows.moveDown} disabled={i === options.length - 1} onClick={() => moveOption(i, 1)}><ArrowDown /></Button>
                        <Button type="button" variant="ghost" size="icon" className={iconButton} aria-label={t.flows.removeOptionN(i + 1)} title={t.flows.removeOption} onClick={() => onChange(removeOption(step, i))}><Trash2 /></Button>
                      </div>
                    </div>
                  </div>
                );
              })}
            </div>
          </Section>
        ) : null}

        {stepUses.bands(step) ? (
          <Section title={t.flows.bands}>
            <Checkbox
              label={t.flows.useBands}
              checked={!!step.bands}
              onChange={(e) =>
                setBands(e.target.checked ? { boundary: "lower_inclusive", ranges: [{ optionId: options[0]?.id ?? "" }] } : undefined)
              }
            />
            {step.bands ? (
              <div className="space-y-3">
                <FormField label={t.flows.boundary} labelClassName="text-xs">
                  <Select value={step.bands.boundary} onChange={(e) => setBands({ ...step.bands!, boundary: e.target.value as FlowBands["boundary"] })}>
                    {bandBoundaries.map((b) => <SelectOption key={b} value={b}>{t.flows.boundaries[b]}</SelectOption>)}
                  </Select>
                </FormField>
                {step.bands.ranges.map((r, i) => {
                  const ranges = step.bands!.ranges;
                  const setRange = (change: Partial<typeof r>) => setBands({ ...step.bands!, ranges: ranges.map((x, j) => (j === i ? { ...x, ...change } : x)) });
                  return (
                    <div key={i} data-testid="band-row" className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto] items-end gap-2">
                      <FormField label={t.flows.bandOption} labelClassName="text-xs">
                        <Select value={r.optionId} onChange={(e) => setRange({ optionId: e.target.value })}>
                          {options.some((o) => o.id === r.optionId) ? null : <SelectOption value={r.optionId}>{r.optionId ? t.flows.missingStep(r.optionId) : "—"}</SelectOption>}
                          {options.map((o) => <SelectOption key={o.id} value={o.id}>{o.label || o.id}</SelectOption>)}
                        </Select>
                      </FormField>
                      <FormField label={t.flows.bandMin} labelClassName="text-xs">
                        <AmountField value={r.min} placeholder={t.flows.noLimit} onValueChange={(min) => setRange({ min })} />
                      </FormField>
                      <FormField label={t.flows.bandMax} labelClassName="text-xs">
                        <AmountField value={r.max} placeholder={t.flows.noLimit} onValueChange={(max) => setRange({ max })} />
                      </FormField>
                      <Button type="button" variant="ghost" size="icon" className={iconButton} aria-label={t.flows.removeBand} onClick={() => setBands({ ...step.bands!, ranges: ranges.filter((_, j) => j !== i) })}><Trash2 /></Button>
                    </div>
                  );
                })}
                <Button type="button" size="sm" variant="outline" onClick={() => setBands({ ...step.bands!, ranges: [...step.bands!.ranges, { optionId: options[0]?.id ?? "" }] })}><Plus />{t.flows.addBand}</Button>
              </div>
            ) : null}
          </Section>
        ) : null}

        {stepUses.keywords(step) ? (
          <Section
            title={t.flows.keywords}
            hint={t.flows.keywordsHint}
            action={<Button type="button" size="sm" variant="outline" onClick={() => set({ keywords: [...(step.keywords ?? []), { keyword: "", score: 0 }] })}><Plus />{t.flows.addKeyword}</Button>}
          >
            {(step.keywords ?? []).map((k, i) => {
              const keywords = step.keywords ?? [];
              const setKeyword = (change: Partial<typeof k>) => set({ keywords: keywords.map((x, j) => (j === i ? { ...x, ...change } : x)) });
              return (
                <div key={i} data-testid="keyword-row" className="grid grid-cols-[minmax(0,1fr)_5rem_auto] items-end gap-2">
                  <FormField label={t.flows.keyword} labelClassName="text-xs"><Input value={k.keyword} onChange={(e) => setKeyword({ keyword: e.target.value })} /></FormField>
                  <FormField label={t.flows.keywordScore} labelClassName="text-xs"><NumberField value={k.score} onValueChange={(score) => setKeyword({ score: score ?? 0 })} /></FormField>
                  <Button type="button" variant="ghost" size="icon" className={iconButton} aria-label={t.flows.removeKeyword} onClick={() => set({ keywords: keywords.filter((_, j) => j !== i) })}><Trash2 /></Button>
                </div>
              );
            })}
          </Section>
        ) : null}

        <div className="grid items-start gap-3 sm:grid-cols-3">
          <FormField label={t.flows.next}>
            <TargetSelect value={step.next ?? ""} stepIds={others} emptyLabel={t.flows.endOfFlow} onChange={(v) => set({ next: v || null })} />
          </FormField>
          <FormField label={t.flows.timeoutSeconds}>
            <NumberField optional value={step.timeoutSeconds} placeholder={t.flows.timeoutDefault} onValueChange={(timeoutSeconds) => set({ timeoutSeconds })} />
          </FormField>
          <FormField label={t.flows.invalidOverride}>
            <NumberField optional value={step.invalidAnswerLimit} placeholder={t.flows.invalidOverrideDefault(flowInvalidLimit)} onValueChange={(invalidAnswerLimit) => set({ invalidAnswerLimit })} />
          </FormField>
        </div>
        <Checkbox label={t.flows.skippable} checked={!!step.skippable} onChange={(e) => set({ skippable: e.target.checked })} />
      </CardContent>
    </Card>
  );
}
