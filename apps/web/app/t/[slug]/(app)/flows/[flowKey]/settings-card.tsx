"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { cn } from "@vendaflow/ui/cn";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Textarea } from "@vendaflow/ui/textarea";
import type { Flow, OutcomeAction } from "@vendaflow/validators/flow";
import { maxScore, type Draft } from "./editor-model";
import { NumberField, TagsField } from "./fields";
import { flows as flowsText } from "@/lib/i18n/pt-br/flows";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { flows: flowsText };

const FALLBACKS = ["handoff", "close"] as const;

function OutcomeFields({ title, outcome, onChange, hint, testId }: { title: string; outcome: OutcomeAction; onChange: (o: OutcomeAction) => void; hint?: string; testId: string }) {
  return (
    <fieldset className="space-y-3 rounded-lg border p-3" data-testid={testId}>
      <legend className="px-1 text-sm font-medium">{title}</legend>
      <FormField label={t.flows.outcomeMessage} required>
        <Textarea value={outcome.message} rows={2} onChange={(e) => onChange({ ...outcome, message: e.target.value })} />
      </FormField>
      <div className="grid items-start gap-3 sm:grid-cols-2">
        <FormField label={t.flows.outcomeAction}>
          <Select value={outcome.action} onChange={(e) => onChange({ ...outcome, action: e.target.value as OutcomeAction["action"] })}>
            {FALLBACKS.map((a) => <SelectOption key={a} value={a}>{t.flows.outcomeActions[a]}</SelectOption>)}
          </Select>
        </FormField>
        <FormField label={t.flows.outcomeTags} description={hint}>
          <TagsField value={outcome.tags} onValueChange={(tags) => onChange({ ...outcome, tags })} />
        </FormField>
      </div>
    </fieldset>
  );
}

export function SettingsCard({ draft, definition, issues, onChange }: { draft: Draft; definition: Flow; issues: string[]; onChange: (d: Draft) => void }) {
  const set = (change: Partial<Draft>) => onChange({ ...draft, ...change });
  const ids = [...new Set(draft.steps.map((s) => s.id))];
  return (
    <Card className={cn("gap-4", issues.length && "border-destructive/60")} data-testid="flow-settings">
      <CardHeader><CardTitle>{t.flows.settings}</CardTitle></CardHeader>
      <CardContent className="space-y-4">
        {issues.length ? (
          <Alert variant="destructive" data-testid="flow-issues">
            <AlertDescription><ul className="list-disc space-y-1 pl-4">{issues.map((m) => <li key={m}>{m}</li>)}</ul></AlertDescription>
          </Alert>
        ) : null}
        <div className="grid items-start gap-3 sm:grid-cols-2">
          <FormField label={t.flows.name} required>
            <Input value={draft.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} />
          </FormField>
          <FormField label={t.flows.startStep}>
            <Select value={draft.startStep} onChange={(e) => set({ startStep: e.target.value })}>
              {ids.includes(draft.startStep) ? null : <SelectOption value={draft.startStep}>{t.flows.missingStep(draft.startStep)}</SelectOption>}
              {ids.map((id) => <SelectOption key={id} value={id}>{id}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={t.flows.minScore} description={t.flows.minScoreHint(maxScore(definition))}>
            <NumberField value={draft.minScore} onValueChange={(minScore) => set({ minScore: minScore ?? 0 })} />
          </FormField>
          <FormField label={t.flows.invalidLimit} description={t.flows.invalidLimitHint}>
            <NumberField value={draft.invalidAnswerLimit} onValueChange={(invalidAnswerLimit) => set({ invalidAnswerLimit: invalidAnswerLimit ?? 0 })} />
          </FormField>
          <FormField label={t.flows.timeoutFallback}>
            <Select value={draft.timeoutFallback} onChange={(e) => set({ timeoutFallback: e.target.value as Draft["timeoutFallback"] })}>
              {FALLBACKS.map((a) => <SelectOption key={a} value={a}>{t.flows.timeoutFallbacks[a]}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={t.flows.schedulingUrl} description={t.flows.schedulingUrlHint}>
            <Input value={draft.schedulingUrl ?? ""} placeholder="https://" onChange={(e) => set({ schedulingUrl: e.target.value })} />
          </FormField>
        </div>
        <div className="space-y-3">
          <h3 className="text-sm font-semibold">{t.flows.outcomes}</h3>
          <div className="grid gap-3">
            <OutcomeFields testId="outcome-qualified" title={t.flows.qualified} outcome={draft.outcomes.qualified} onChange={(qualified) => set({ outcomes: { ...draft.outcomes, qualified } })} />
            <OutcomeFields testId="outcome-not-qualified" title={t.flows.notQualified} hint={t.flows.notQualifiedTagHint} outcome={draft.outcomes.notQualified} onChange={(notQualified) => set({ outcomes: { ...draft.outcomes, notQualified } })} />
          </div>
        </div>
      </CardContent>
    </Card>
  );
}
