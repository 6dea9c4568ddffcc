"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import type { ConditionField, ConditionOp, RuleAction } from "@vendaflow/validators/routing";
import { textLink } from "@vendaflow/ui/text-link";
import { Plus, X } from "lucide-react";
import Link from "next/link";
import { useId, useState, type ReactNode } from "react";
import { routingRules as routingRulesText } from "@/lib/i18n/pt-br/routing-rules";
import { useTRPC } from "@/lib/trpc/client";
import { unplacedErrors } from "@/lib/trpc/errors";
import { useSubmitErrors } from "@/components/use-submit-errors";
import {
  ACTION_TYPES,
  bantSuggestions,
  CHANNELS,
  conditionFields,
  draftOf,
  issuesUnder,
  newAction,
  newCondition,
  opsFor,
  ruleInput,
  valueKind,
  withField,
  withOp,
  type ActionDraft,
  type AgentOption,
  type ConditionDraft,
  type InboxOption,
  type RuleDraft,
  type RuleRow,
  type TeamOption,
} from "./model";
import { FormActions } from "@/components/form-actions";
import { FormErrorAlert } from "@/components/form-error-alert";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { routingRules: routingRulesText };

interface Props {
  rule: RuleRow | null;
  teams: TeamOption[];
  agents: AgentOption[];
  inboxes: InboxOption[];
  onOpenChange: (open: boolean) => void;
  onSaved: () => void;
}

export function RuleDialog({ rule, teams, agents, inboxes, onOpenChange, onSaved }: Props) {
  const trpc = useTRPC();
  const toast = useToast();
  const save = useMutation(trpc.routing.saveRule.mutationOptions());
  const [draft, setDraft] = useState<RuleDraft>(() => draftOf(rule, teams));
  const { errors, setErrors, formError, submit } = useSubmitErrors();

  const setCondition = (i: number, c: ConditionDraft) => setDraft((d) => ({ ...d, conditions: d.conditions.map((x, j) => (j === i ? c : x)) }));
  const setAction = (i: number, a: ActionDraft) => setDraft((d) => ({ ...d, actions: d.actions.map((x, j) => (j === i ? a : x)) }));
  // Issues are keyed by position: removing a row would point them at the wrong one.
  const dropIssues = () => setErrors({});

  const onSubmit = submit(async () => {
    await save.mutateAsync({ id: rule?.id ?? null, ...ruleInput(draft) });
    toast.success(t.routingRules.saved);
    onSaved();
    onOpenChange(false);
  });

  const placed = (k: string) => ["name", "priority", "isActive", "conditions", "actions"].includes(k) || /^(conditions|actions)\.\d+(\.|$)/.test(k);
  const leftover = unplacedErrors(errors, placed);

  return (
    <Dialog open onOpenChange={onOpenChange} title={rule ? t.routingRules.editTitle : t.routingRules.createTitle} description={rule?.name} className="max-w-3xl" contentClassName="max-w-3xl">
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
          <FormField label={t.routingRules.form.name} error={errors.name} required>
            <Input name="name" value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} placeholder={t.routingRules.form.namePlaceholder} autoComplete="off" />
          </FormField>
          <FormField label={t.routingRules.form.priority} error={errors.priority} description={t.routingRules.form.priorityHint}>
            <Input name="priority" type="number" inputMode="numeric" min={0} max={10000} step={1} value={draft.priority} onChange={(e) => setDraft((d) => ({ ...d, priority: e.target.value }))} />
          </FormField>
        </div>
        <Checkbox label={t.routingRules.form.isActive} checked={draft.isActive} onChange={(e) => setDraft((d) => ({ ...d, isActive: e.target.checked }))} />

        <Section title={t.routingRules.form.conditions} hint={t.routingRules.form.conditionsHint} error={errors.conditions}>
          {draft.conditions.length === 0 ? <p className="text-sm text-muted-foreground">{t.routingRules.form.noConditions}</p> : null}
          {draft.conditions.map((c, i) => (
            <ConditionRow
              key={c.key}
              index={i}
              condition={c}
              inboxes={inboxes}
              issues={issuesUnder(errors, `conditions.${i}`)}
              onChange={(next) => setCondition(i, next)}
              onRemove={() => {
                dropIssues();
                setDraft((d) => ({ ...d, conditions: d.conditions.filter((_, j) => j !== i) }));
              }}
            />
          ))}
          <Button type="button" variant="outline" size="sm" disabled={draft.conditions.length >= 20} onClick={() => setDraft((d) => ({ ...d, conditions: [...d.conditions, newCondition()] }))}>
            <Plus aria-hidden="true" />{t.routingRules.form.addCondition}
          </Button>
        </Section>

        <Section title={t.routingRules.form.actions} hint={t.routingRules.form.actionsHint} error={errors.actions}>
          {draft.actions.map((a, i) => (
            <ActionRow
              key={a.key}
              index={i}
              action={a}
              teams={teams}
              agents={agents}
              issues={issuesUnder(errors, `actions.${i}`)}
              onChange={(next) => setAction(i, next)}
              onRemove={() => {
                dropIssues();
                setDraft((d) => ({ ...d, actions: d.actions.filter((_, j) => j !== i) }));
              }}
            />
          ))}
          <Button type="button" variant="outline" size="sm" disabled={draft.actions.length >= 10} onClick={() => setDraft((d) => ({ ...d, actions: [...d.actions, newAction(teams)] }))}>
            <Plus aria-hidden="true" />{t.routingRules.form.addAction}
          </Button>
        </Section>

        <FormErrorAlert formError={formError} unplaced={leftover} />
        <FormActions onCancel={() => onOpenChange(false)} submitLabel={t.routingRules.form.submit} pending={save.isPending} />
      </form>
    </Dialog>
  );
}

function Section({ title, hint, error, children }: { title: string; hint: string; error?: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-lg border p-3">
      <legend className="px-1 text-sm font-medium">{title}</legend>
      <p className="text-xs text-muted-foreground">{hint}</p>
      {children}
      {error ? <p className="text-sm font-medium text-destructive" role="alert">{error}</p> : null}
    </fieldset>
  );
}

function Issues({ id, issues }: { id: string; issues: string[] }) {
  if (!issues.length) return null;
  return (
    <ul id={id} className="space-y-0.5 text-sm font-medium text-destructive" role="alert">
      {issues.map((m) => <li key={m}>{m}</li>)}
    </ul>
  );
}

function ConditionRow({ index, condition: c, inboxes, issues, onChange, onRemove }: { index: number; condition: ConditionDraft; inboxes: InboxOption[]; issues: string[]; onChange: (c: ConditionDraft) => void; onRemove: () => void }) {
  const id = useId();
  const n = index + 1;
  const kind = valueKind(c.field, c.op);
  const invalid = issues.length > 0 || undefined;
  const describedBy = issues.length ? `${id}-issues` : undefined;
  const suggestions = bantSuggestions(c.field);
  const toggle = (value: string, on: boolean) => onChange({ ...c, picked: on ? [...c.picked, value] : c.picked.filter((p) => p !== value) });
  const valueLabel = `${t.routingRules.form.value} ${n}`;

  let value: ReactNode;
  switch (kind) {
    case "number":
      value = <Input aria-label={valueLabel} aria-invalid={invalid} aria-describedby={describedBy} type="number" inputMode="decimal" value={c.text} onChange={(e) => onChange({ ...c, text: e.target.value })} />;
      break;
    case "numberList":
      value = <Input aria-label={valueLabel} aria-invalid={invalid} aria-describedby={describedBy} inputMode="decimal" value={c.text} placeholder={t.routingRules.form.listHint} onChange={(e) => onChange({ ...c, text: e.target.value })} autoComplete="off" />;
      break;
    case "channel":
      value = (
        <Select aria-label={valueLabel} aria-invalid={invalid} aria-describedby={describedBy} value={c.text} onChange={(e) => onChange({ ...c, text: e.target.value })} placeholder={t.routingRules.form.pickChannel}>
          {CHANNELS.map((ch) => <SelectOption key={ch} value={ch}>{t.routingRules.channels[ch]}</SelectOption>)}
        </Select>
      );
      break;
    case "inbox":
      value = (
        <Select aria-label={valueLabel} aria-invalid={invalid} aria-describedby={describedBy} value={c.text} onChange={(e) => onChange({ ...c, text: e.target.value })} placeholder={t.routingRules.form.pickInbox}>
          {inboxes.map((ib) => <SelectOption key={ib.id} value={ib.id}>{ib.name}</SelectOption>)}
          {c.text && !inboxes.some((ib) => ib.id === c.text) ? <SelectOption value={c.text}>{c.text}</SelectOption> : null}
        </Select>
      );
      break;
    case "channelList":
    case "inboxList": {
      const choices = kind === "channelList" ? CHANNELS.map((ch) => ({ value: ch, label: t.routingRules.channels[ch]! })) : inboxes.map((ib) => ({ value: ib.id, label: ib.name }));
      value = (
        <div role="group" aria-label={valueLabel} aria-describedby={describedBy} className="flex min-h-9 flex-wrap items-center gap-x-4 gap-y-1">
          {choices.map((ch) => <Checkbox key={ch.value} label={ch.label} checked={c.picked.includes(ch.value)} onChange={(e) => toggle(ch.value, e.target.checked)} />)}
        </div>
      );
      break;
    }
    default:
      value = (
        <>
          <Input
            aria-label={valueLabel}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            value={c.text}
            list={suggestions.length ? `${id}-suggestions` : undefined}
            placeholder={kind === "textList" ? t.routingRules.form.listHint : undefined}
            onChange={(e) => onChange({ ...c, text: e.target.value })}
            autoComplete="off"
          />
          {suggestions.length ? (
            <datalist id={`${id}-suggestions`}>{suggestions.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}</datalist>
          ) : null}
        </>
      );
  }

  return (
    <div className="space-y-1 rounded-md border p-2" data-testid="condition-row">
      <div className="grid items-start gap-2 sm:grid-cols-[11rem_10rem_1fr_auto]">
        <Select aria-label={`${t.routingRules.form.field} ${n}`} value={c.field} onChange={(e) => onChange(withField(c, e.target.value as ConditionField))}>
          {conditionFields.map((f) => <SelectOption key={f} value={f}>{t.routingRules.fields[f]}</SelectOption>)}
        </Select>
        <Select aria-label={`${t.routingRules.form.op} ${n}`} value={c.op} onChange={(e) => onChange(withOp(c, e.target.value as ConditionOp))}>
          {opsFor(c.field).map((op) => <SelectOption key={op} value={op}>{t.routingRules.ops[op]}</SelectOption>)}
        </Select>
        <div className="min-w-0">{value}</div>
        <Button type="button" size="icon" variant="ghost" onClick={onRemove} aria-label={t.routingRules.form.removeCondition(n)}><X aria-hidden="true" /></Button>
      </div>
      {c.field.startsWith("bant.") && (c.op === "eq" || c.op === "in") ? <p className="text-xs text-muted-foreground">{t.routingRules.form.bantHint}</p> : null}
      <Issues id={`${id}-issues`} issues={issues} />
    </div>
  );
}

function ActionRow({ index, action: a, teams, agents, issues, onChange, onRemove }: { index: number; action: ActionDraft; teams: TeamOption[]; agents: AgentOption[]; issues: string[]; onChange: (a: ActionDraft) => void; onRemove: () => void }) {
  const id = useId();
  const n = index + 1;
  // A new tenant has no team yet: "Escolha o time…" would open an empty list. Say so, and where to create one.
  const noTeams = a.type === "assign_team" && teams.length === 0;
  // An empty select comes back as "Identificador inválido."; say what is missing instead.
  const shown = a.type === "assign_team" && !a.teamId && issues.length ? [noTeams ? t.routingRules.form.noTeams : t.routingRules.form.chooseTeam] : a.type === "assign_agent" && !a.userId && issues.length ? [t.routingRules.form.chooseAgent] : issues;
  const invalid = shown.length > 0 || undefined;
  const describedBy = shown.length ? `${id}-issues` : undefined;

  let param: ReactNode;
  switch (a.type) {
    case "assign_team":
      param = (
        <Select aria-label={`${t.routingRules.form.team} ${n}`} aria-invalid={invalid} aria-describedby={describedBy} value={a.teamId} onChange={(e) => onChange({ ...a, teamId: e.target.value })} placeholder={t.routingRules.form.pickTeam}>
          {teams.map((tm) => <SelectOption key={tm.id} value={tm.id}>{tm.name}</SelectOption>)}
          {a.teamId && !teams.some((tm) => tm.id === a.teamId) ? <SelectOption value={a.teamId}>{t.routingRules.unknownTeam}</SelectOption> : null}
        </Select>
      );
      break;
    case "assign_agent":
      param = (
        <Select aria-label={`${t.routingRules.form.agent} ${n}`} aria-invalid={invalid} aria-describedby={describedBy} value={a.userId} onChange={(e) => onChange({ ...a, userId: e.target.value })} placeholder={t.routingRules.form.pickAgent}>
          {agents.map((ag) => <SelectOption key={ag.id} value={ag.id}>{ag.name || ag.email}</SelectOption>)}
          {a.userId && !agents.some((ag) => ag.id === a.userId) ? <SelectOption value={a.userId}>{t.routingRules.unknownAgent}</SelectOption> : null}
        </Select>
      );
      break;
    case "add_tag":
      param = <Input aria-label={`${t.routingRules.form.tag} ${n}`} aria-invalid={invalid} aria-describedby={describedBy} value={a.tag} placeholder={t.routingRules.form.tagPlaceholder} onChange={(e) => onChange({ ...a, tag: e.target.value })} autoComplete="off" />;
      break;
    case "set_sla":
      param = <Input aria-label={`${t.routingRules.form.minutes} ${n}`} aria-invalid={invalid} aria-describedby={describedBy} type="number" inputMode="numeric" min={1} max={43200} step={1} value={a.minutes} onChange={(e) => onChange({ ...a, minutes: e.target.value })} />;
      break;
  }

  return (
    <div className="space-y-1 rounded-md border p-2" data-testid="action-row">
      <div className="grid items-start gap-2 sm:grid-cols-[14rem_1fr_auto]">
        <Select aria-label={`${t.routingRules.form.actionType} ${n}`} value={a.type} onChange={(e) => onChange({ ...a, type: e.target.value as RuleAction["type"] })}>
          {ACTION_TYPES.map((type) => <SelectOption key={type} value={type}>{t.routingRules.actionTypes[type]}</SelectOption>)}
        </Select>
        <div className="min-w-0">{param}</div>
        <Button type="button" size="icon" variant="ghost" onClick={onRemove} aria-label={t.routingRules.form.removeAction(n)}><X aria-hidden="true" /></Button>
      </div>
      {noTeams && !shown.length ? <p className="text-xs text-muted-foreground">{t.routingRules.form.noTeams}</p> : null}
      <Issues id={`${id}-issues`} issues={shown} />
      {noTeams ? <Link href="/teams" className={`${textLink} text-xs`}>{t.routingRules.form.createTeam}</Link> : null}
    </div>
  );
}
