"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select } from "@vendaflow/ui/select";
import { Textarea } from "@vendaflow/ui/textarea";
import { automationTriggers, triggerEntity } from "@vendaflow/validators/plain/automations";
import type { AutomationAction, AutomationCondition, AutomationInput } from "@vendaflow/validators/automations";
import { Plus, X } from "lucide-react";
import { useState, type ComponentProps, type FormEvent } from "react";
import { CustomFieldInput } from "@/components/crm/custom-field-inputs";
import { conditionFields, opsFor, optionIndex, parseValue, unknownField, valueText, type ConditionField, type ConditionValue } from "@/lib/automation-conditions";
import { automations as automationsText } from "@/lib/i18n/pt-br/automations";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { automations: automationsText };

const a = t.automations;
const blank: Record<AutomationAction["type"], AutomationAction> = {
  create_task: { type: "create_task", subject: "", dueInHours: 24, assignTo: "owner" },
  update_field: { type: "update_field", field: "", value: "" } as AutomationAction,
  assign_owner: { type: "assign_owner", userId: "" },
  add_tag: { type: "add_tag", tag: "" },
  send_email: { type: "send_email", to: "owner", subject: "", body: "" },
  call_webhook: { type: "call_webhook", url: "" },
  send_slack: { type: "send_slack", text: "", channel: "" },
  move_deal_stage: { type: "move_deal_stage", stageId: "", lostReasonId: null },
};

/** Fields whose values are the tenant's stage / loss-reason names (their lists come from the pipelines). */
const namedFields = ["stage", "to_stage", "from_stage", "lost_reason"];

/** A money (BRL, stored as cents) or number value, typed pt-BR style; what does not parse is kept as text and flagged. */
function TypedValueInput({ kind, value, onValue, ...props }: { kind: "money" | "number"; value: ConditionValue; onValue: (v: ConditionValue) => void } & Omit<ComponentProps<typeof Input>, "value" | "onChange">) {
  const [text, setText] = useState(() => valueText(kind, value));
  // The stored value changed from outside (another field chosen, a row removed): show it.
  if (parseValue(kind, text) !== value) setText(valueText(kind, value));
  return (
    <Input
      {...props}
      inputMode="decimal"
      placeholder={kind === "money" ? a.moneyPlaceholder : undefined}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onValue(parseValue(kind, e.target.value));
      }}
    />
  );
}

/** The value of a condition, edited as its field's kind: money, number, one of the options, text. */
function ConditionValueInput({ def, value, onValue, ...props }: { def: ConditionField; value: ConditionValue; onValue: (v: ConditionValue) => void } & Omit<ComponentProps<typeof Input>, "value" | "onChange">) {
  if (def.kind === "money" || def.kind === "number") return <TypedValueInput {...props} kind={def.kind} value={value} onValue={onValue} />;
  if (def.options && (def.kind === "choice" || def.kind === "list")) {
    const options = def.options;
    const at = optionIndex(options, value);
    return (
      <Select {...(props as ComponentProps<typeof Select>)} placeholder={a.chooseValue} value={at >= 0 ? String(at) : value === null ? "" : "saved"} onChange={(e) => (e.target.value === "saved" ? undefined : onValue(e.target.value === "" ? null : options[Number(e.target.value)]!.value))}>
        {options.map((o, k) => <option key={k} value={String(k)}>{o.label}</option>)}
        {at < 0 && value !== null ? <option value="saved">{a.otherValue(String(value))}</option> : null}
      </Select>
    );
  }
  return <Input {...props} value={value === null ? "" : String(value)} onChange={(e) => onValue(e.target.value === "" ? null : e.target.value)} />;
}

export interface AutomationDraft extends AutomationInput {
  id: string | null;
}

/** Create / edit one automation: trigger, conditions, actions, loop limit. Errors come from the server's zod issues. */
export function AutomationForm({ initial, onDone }: { initial: AutomationDraft; onDone: (saved: boolean) => void }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.automations.save.mutationOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  const fields = useQuery(trpc.crm.customFields.list.queryOptions({}));
  // Only while a "move deal" action is on the form: most automations never need the pipelines.
  const movesDeals = initial.actions.some((x) => x.type === "move_deal_stage");
  const [wantsPipelines, setWantsPipelines] = useState(movesDeals);
  const [d, setD] = useState<AutomationDraft>(initial);
  // Also while a deal trigger's condition tests a stage or loss reason: those are picked by name.
  const namesStages = triggerEntity[d.trigger] === "deal" && d.conditions.some((c) => namedFields.includes(c.field));
  const pipelines = useQuery({ ...trpc.crm.pipelines.list.queryOptions(), enabled: wantsPipelines || namesStages });
  const lostReasons = useQuery({ ...trpc.crm.pipelines.lostReasons.queryOptions(), enabled: wantsPipelines || namesStages });
  const stageKind = (id: string) => pipelines.data?.flatMap((p) => p.stages).find((st) => st.id === id)?.kind;
  const condFields = conditionFields(d.trigger, fields.data ?? [], { stages: (pipelines.data ?? []).flatMap((p) => p.stages.map((st) => st.name)), lostReasons: (lostReasons.data ?? []).map((r) => r.name) });
  const condField = (field: string) => condFields.find((x) => x.field === field) ?? unknownField(field);
  const fieldDef = (field: string) => (fields.data ?? []).find((f) => `custom.${f.id}` === field);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const setCond = (i: number, c: Partial<AutomationCondition>) => setD((x) => ({ ...x, conditions: x.conditions.map((o, j) => (j === i ? { ...o, ...c } : o)) }));
  const setAction = (i: number, p: Partial<AutomationAction>) => setD((x) => ({ ...x, actions: x.actions.map((o, j) => (j === i ? ({ ...o, ...p } as AutomationAction) : o)) }));
  const agents = (users.data ?? []).filter((u) => u.role !== "viewer");

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    try {
      await save.mutateAsync(d);
      onDone(true);
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      setFormError(errorMessage(err));
    }
  };

  return (
    <form onSubmit={onSubmit} className="space-y-5 rounded-lg border p-4" data-testid="automation-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={a.name} required error={errors.name}><Input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} /></FormField>
        <FormField label={a.trigger} error={errors.trigger}>
          <Select value={d.trigger} onChange={(e) => setD({ ...d, trigger: e.target.value as AutomationDraft["trigger"] })}>
            {automationTriggers.map((tr) => <option key={tr} value={tr}>{a.triggers[tr]}</option>)}
          </Select>
        </FormField>
        <FormField label={a.maxPerHour} description={a.maxPerHourHint} error={errors.maxPerEntityPerHour}><Input type="number" min={1} max={20} value={d.maxPerEntityPerHour} onChange={(e) => setD({ ...d, maxPerEntityPerHour: Number(e.target.value) })} /></FormField>
        <Checkbox label={a.active} checked={d.isActive} onChange={(e) => setD({ ...d, isActive: e.target.checked })} />
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">{a.conditions}</legend>
        {d.conditions.map((c, i) => {
          const def = condField(c.field);
          const ops = opsFor(def.kind).includes(c.op) ? opsFor(def.kind) : [...opsFor(def.kind), c.op];
          const localError = c.op !== "is_set" && c.op !== "not_set" && (def.kind === "money" || def.kind === "number") && typeof c.value === "string" ? (def.kind === "money" ? a.moneyInvalid : a.numberInvalid) : undefined;
          return (
            <div key={i} className="grid items-end gap-2 sm:grid-cols-[1fr_1fr_1fr_auto]" data-testid="condition-row">
              <FormField label={a.field} description={i === 0 ? a.fieldHint : undefined} error={errors[`conditions.${i}.field`]}>
                <Select
                  value={c.field}
                  onChange={(e) => {
                    const kind = condField(e.target.value).kind;
                    setCond(i, { field: e.target.value, op: opsFor(kind).includes(c.op) ? c.op : opsFor(kind)[0]!, value: null });
                  }}
                >
                  {condFields.map((x) => <option key={x.field} value={x.field}>{x.label}</option>)}
                  {condFields.some((x) => x.field === c.field) ? null : <option value={c.field}>{def.label}</option>}
                </Select>
              </FormField>
              <FormField label={a.op}><Select value={c.op} onChange={(e) => setCond(i, { op: e.target.value as AutomationCondition["op"], ...(e.target.value === "is_set" || e.target.value === "not_set" ? { value: null } : {}) })}>{ops.map((o) => <option key={o} value={o}>{a.ops[o]}</option>)}</Select></FormField>
              {c.op === "is_set" || c.op === "not_set" ? (
                <div />
              ) : (
                <FormField label={a.value} error={errors[`conditions.${i}.value`] ?? localError}>
                  <ConditionValueInput def={def} value={c.value} onValue={(value) => setCond(i, { value })} />
                </FormField>
              )}
              <Button type="button" variant="ghost" aria-label={a.removeRow} onClick={() => setD({ ...d, conditions: d.conditions.filter((_, j) => j !== i) })}><X aria-hidden="true" /></Button>
            </div>
          );
        })}
        <Button type="button" variant="outline" size="sm" onClick={() => setD({ ...d, conditions: [...d.conditions, { field: condFields[0]!.field, op: opsFor(condFields[0]!.kind)[0]!, value: null }] })}><Plus aria-hidden="true" />{a.addCondition}</Button>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{a.actions}</legend>
        {errors.actions ? <p className="text-sm text-destructive">{errors.actions}</p> : null}
        {d.actions.map((act, i) => (
          <div key={i} className="space-y-2 rounded-md border p-3" data-testid="action-row">
            <div className="flex items-end gap-2">
              <FormField label={`${i + 1}.`} className="flex-1" error={errors[`actions.${i}`] ?? errors[`actions.${i}.type`]}>
                <Select
                  value={act.type}
                  onChange={(e) => {
                    const type = e.target.value as AutomationAction["type"];
                    if (type === "move_deal_stage") setWantsPipelines(true);
                    setD({ ...d, actions: d.actions.map((o, j) => (j === i ? blank[type] : o)) });
                  }}
                >
                  {Object.entries(a.actionTypes).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                </Select>
              </FormField>
              <Button type="button" variant="ghost" aria-label={a.removeRow} onClick={() => setD({ ...d, actions: d.actions.filter((_, j) => j !== i) })}><X aria-hidden="true" /></Button>
            </div>
            {act.type === "create_task" ? (
              <div className="grid gap-2 sm:grid-cols-3">
                <FormField label={a.subject} error={errors[`actions.${i}.subject`]}><Input value={act.subject} onChange={(e) => setAction(i, { subject: e.target.value })} /></FormField>
                <FormField label={a.dueInHours}><Input type="number" min={0} value={act.dueInHours} onChange={(e) => setAction(i, { dueInHours: Number(e.target.value) })} /></FormField>
                <FormField label={a.assignTo}><Select value={act.assignTo ?? ""} onChange={(e) => setAction(i, { assignTo: e.target.value || null })}><option value="owner">{a.theOwner}</option>{agents.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</Select></FormField>
              </div>
            ) : null}
            {act.type === "update_field" ? (
              <div className="grid gap-2 sm:grid-cols-2">
                <FormField label={a.customField} error={errors[`actions.${i}.field`]}>
                  <Select placeholder="—" value={act.field} onChange={(e) => setAction(i, { field: e.target.value, value: "" })}>
                    {/* The trigger's entity's fields (a list field is set to the options chosen). */}
                    {(fields.data ?? []).filter((f) => f.entity_type === triggerEntity[d.trigger]).map((f) => <option key={f.id} value={`custom.${f.id}`}>{f.label}</option>)}
                    {act.field && !(fields.data ?? []).some((f) => `custom.${f.id}` === act.field && f.entity_type === triggerEntity[d.trigger]) && fieldDef(act.field) ? <option value={act.field}>{fieldDef(act.field)!.label}</option> : null}
                  </Select>
                </FormField>
                {fieldDef(act.field) ? (
                  <CustomFieldInput key={act.field} def={fieldDef(act.field)!} label={a.value} value={act.value === "" ? null : act.value} error={errors[`actions.${i}.value`]} onChange={(value) => setAction(i, { value: value ?? "" })} />
                ) : (
                  <FormField label={a.value} error={errors[`actions.${i}.value`]}><Input disabled value={String(act.value)} /></FormField>
                )}
              </div>
            ) : null}
            {act.type === "assign_owner" ? (
              <FormField label={a.user} error={errors[`actions.${i}.userId`]}><Select placeholder="—" value={act.userId} onChange={(e) => setAction(i, { userId: e.target.value })}>{agents.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</Select></FormField>
            ) : null}
            {act.type === "add_tag" ? <FormField label={a.tag} error={errors[`actions.${i}.tag`]}><Input value={act.tag} onChange={(e) => setAction(i, { tag: e.target.value })} /></FormField> : null}
            {act.type === "send_email" ? (
              <div className="grid gap-2">
                <FormField label={a.emailTo} description={a.emailToHint} error={errors[`actions.${i}.to`]}><Input value={act.to} onChange={(e) => setAction(i, { to: e.target.value })} /></FormField>
                <FormField label={a.subject} error={errors[`actions.${i}.subject`]}><Input value={act.subject} onChange={(e) => setAction(i, { subject: e.target.value })} /></FormField>
                <FormField label={a.body} error={errors[`actions.${i}.body`]}><Textarea value={act.body} onChange={(e) => setAction(i, { body: e.target.value })} /></FormField>
              </div>
            ) : null}
            {act.type === "send_slack" ? (
              <div className="grid gap-2">
                <FormField label={a.slackText} description={a.slackTextHint} error={errors[`actions.${i}.text`]}><Textarea value={act.text} onChange={(e) => setAction(i, { text: e.target.value })} /></FormField>
                <FormField label={a.slackChannel} description={a.slackChannelHint} error={errors[`actions.${i}.channel`]}><Input value={act.channel} placeholder="#vendas" onChange={(e) => setAction(i, { channel: e.target.value })} /></FormField>
              </div>
            ) : null}
            {act.type === "move_deal_stage" ? (
              <div className="grid gap-2 sm:grid-cols-2">
                <FormField label={a.stage} description={a.stageHint} error={errors[`actions.${i}.stageId`]}>
                  <Select placeholder="—" value={act.stageId} onChange={(e) => setAction(i, { stageId: e.target.value, lostReasonId: stageKind(e.target.value) === "lost" ? act.lostReasonId : null })}>
                    {(pipelines.data ?? []).map((p) => (
                      <optgroup key={p.id} label={p.name}>
                        {p.stages.map((st) => <option key={st.id} value={st.id}>{st.name}</option>)}
                      </optgroup>
                    ))}
                  </Select>
                </FormField>
                {stageKind(act.stageId) === "lost" ? (
                  <FormField label={a.lostReason} error={errors[`actions.${i}.lostReasonId`]}>
                    <Select placeholder="—" value={act.lostReasonId ?? ""} onChange={(e) => setAction(i, { lostReasonId: e.target.value || null })}>
                      {(lostReasons.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
                    </Select>
                  </FormField>
                ) : null}
              </div>
            ) : null}
            {act.type === "call_webhook" ? <FormField label={a.url} error={errors[`actions.${i}.url`]}><Input type="url" value={act.url} onChange={(e) => setAction(i, { url: e.target.value })} /></FormField> : null}
          </div>
        ))}
        <Button type="button" variant="outline" size="sm" onClick={() => setD({ ...d, actions: [...d.actions, blank.add_tag] })}><Plus aria-hidden="true" />{a.addAction}</Button>
      </fieldset>
      {formError && !Object.keys(errors).length ? <p className="text-sm text-destructive" role="alert">{formError}</p> : null}
      <div className="flex gap-2">
        <Button type="submit" loading={save.isPending}>{a.save}</Button>
        <Button type="button" variant="outline" onClick={() => onDone(false)}>{a.cancel}</Button>
      </div>
    </form>
  );
}
