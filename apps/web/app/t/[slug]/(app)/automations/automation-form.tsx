"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select } from "@vendaflow/ui/select";
import { Textarea } from "@vendaflow/ui/textarea";
import { automationTriggers, conditionOps } from "@vendaflow/validators/plain/automations";
import type { AutomationAction, AutomationCondition, AutomationInput } from "@vendaflow/validators/automations";
import { Plus, X } from "lucide-react";
import { useState, type FormEvent } from "react";
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
  const pipelines = useQuery({ ...trpc.crm.pipelines.list.queryOptions(), enabled: wantsPipelines });
  const lostReasons = useQuery({ ...trpc.crm.pipelines.lostReasons.queryOptions(), enabled: wantsPipelines });
  const stageKind = (id: string) => pipelines.data?.flatMap((p) => p.stages).find((st) => st.id === id)?.kind;
  const [d, setD] = useState<AutomationDraft>(initial);
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
        {d.conditions.map((c, i) => (
          <div key={i} className="grid items-end gap-2 sm:grid-cols-[1fr_1fr_1fr_auto]" data-testid="condition-row">
            <FormField label={a.field} description={i === 0 ? a.fieldHint : undefined} error={errors[`conditions.${i}.field`]}>
              <Input list="automation-fields" value={c.field} onChange={(e) => setCond(i, { field: e.target.value })} />
            </FormField>
            <FormField label={a.op}><Select value={c.op} onChange={(e) => setCond(i, { op: e.target.value as AutomationCondition["op"] })}>{conditionOps.map((o) => <option key={o} value={o}>{a.ops[o]}</option>)}</Select></FormField>
            <FormField label={a.value} error={errors[`conditions.${i}.value`]}><Input value={c.value === null ? "" : String(c.value)} onChange={(e) => setCond(i, { value: e.target.value === "" ? null : Number.isFinite(Number(e.target.value)) && c.field.match(/score|cents|probability/) ? Number(e.target.value) : e.target.value })} /></FormField>
            <Button type="button" variant="ghost" aria-label={a.removeRow} onClick={() => setD({ ...d, conditions: d.conditions.filter((_, j) => j !== i) })}><X aria-hidden="true" /></Button>
          </div>
        ))}
        <datalist id="automation-fields">
          {["score", "previous_score", "bant_score", "source", "stage", "tags", "value_cents", "status", "to_stage", "from_stage", "lost_reason"].map((f) => <option key={f} value={f} />)}
          {(fields.data ?? []).map((f) => <option key={f.id} value={`custom.${f.id}`}>{f.label}</option>)}
        </datalist>
        <Button type="button" variant="outline" size="sm" onClick={() => setD({ ...d, conditions: [...d.conditions, { field: "score", op: "gte", value: 0 }] })}><Plus aria-hidden="true" />{a.addCondition}</Button>
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
                <FormField label={a.customField} error={errors[`actions.${i}.field`]}><Select placeholder="—" value={act.field} onChange={(e) => setAction(i, { field: e.target.value })}>{(fields.data ?? []).map((f) => <option key={f.id} value={`custom.${f.id}`}>{f.label}</option>)}</Select></FormField>
                <FormField label={a.value} error={errors[`actions.${i}.value`]}><Input value={String(act.value)} onChange={(e) => setAction(i, { value: e.target.value })} /></FormField>
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
