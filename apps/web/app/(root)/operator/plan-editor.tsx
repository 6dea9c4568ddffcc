"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Textarea } from "@vendaflow/ui/textarea";
import { useToast } from "@vendaflow/ui/toast";
import { useEffect, useState } from "react";
import { billing as billingText } from "@/lib/i18n/pt-br/billing";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { usePlanName } from "./operator-billing";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingText, common: commonText };

const m = t.billing.planEditor;
type Form = Record<"name" | "description" | "priceMonthlyCents" | "priceYearlyCents" | "overageMessageCents" | "maxUsers" | "maxMessagesMonth" | "maxInboxes" | "maxWhatsappNumbers" | "messageGracePercent" | "features", string> & { isActive: boolean };

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
const limit = (s: string) => (s.trim() === "" ? null : Number(s));

/** The operator edits one plan of the catalog at a time; every save is audited (platform_audit_logs). */
export function PlanEditor() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const plans = useQuery(trpc.operator.plans.queryOptions());
  const audit = useQuery(trpc.operator.planAudit.queryOptions());
  const planName = usePlanName();
  const [code, setCode] = useState<string | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const plan = plans.data?.find((p) => p.code === code) ?? plans.data?.[0];
  useEffect(() => {
    if (!plan) return;
    setForm({
      name: plan.name,
      description: plan.description,
      priceMonthlyCents: String(plan.priceMonthlyCents),
      priceYearlyCents: String(plan.priceYearlyCents),
      overageMessageCents: String(plan.overageMessageCents),
      maxUsers: plan.limits.users === null ? "" : String(plan.limits.users),
      maxMessagesMonth: plan.limits.messagesMonth === null ? "" : String(plan.limits.messagesMonth),
      maxInboxes: plan.limits.inboxes === null ? "" : String(plan.limits.inboxes),
      maxWhatsappNumbers: plan.limits.whatsappNumbers === null ? "" : String(plan.limits.whatsappNumbers),
      messageGracePercent: String(plan.messageGracePercent),
      features: plan.features.join("\n"),
      isActive: plan.isActive,
    });
  }, [plan]);
  const save = useMutation(
    trpc.operator.updatePlan.mutationOptions({
      onSuccess: async () => {
        toast.success(m.saved);
        await Promise.all([qc.invalidateQueries({ queryKey: trpc.operator.plans.queryKey() }), qc.invalidateQueries({ queryKey: trpc.operator.planAudit.queryKey() })]);
      },
    }),
  );
  const errors = save.error ? fieldErrors(save.error) : {};
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => (f ? { ...f, [k]: e.target.value } : f));
  if (plans.isLoading) return <Skeleton className="h-40" />;
  if (plans.error) return <Alert variant="destructive"><AlertDescription>{errorMessage(plans.error)}</AlertDescription></Alert>;
  if (!plan || !form) return null;
  // Prices are typed in centavos: the amount in reais beside them catches a "299" meant as R$ 299,00.
  const reais = (k: keyof Form) => {
    const n = num(form[k] as string);
    return Number.isInteger(n) && n >= 0 ? m.inReais(t.billing.brl(n)) : undefined;
  };
  const text = (k: keyof Form, label: string, numeric = false, cents = false) => (
    <FormField label={label} error={errors[k]} description={cents ? reais(k) : undefined}>
      <Input value={form[k] as string} onChange={set(k)} inputMode={numeric ? "numeric" : undefined} />
    </FormField>
  );
  return (
    <section className="space-y-3" aria-label={m.title}>
      <h2 className="font-semibold">{m.title}</h2>
      <p className="text-sm text-muted-foreground">
        {m.hint} {m.stripeSync.before} <code className="rounded bg-muted px-1 font-mono text-xs whitespace-nowrap">{m.stripeSync.command}</code>.
      </p>
      <div className="flex gap-2" role="tablist" aria-label={m.plan}>
        {plans.data!.map((p) => (
          <Button key={p.code} size="sm" role="tab" aria-selected={p.code === plan.code} variant={p.code === plan.code ? "default" : "outline"} onClick={() => setCode(p.code)}>
            {p.name}
          </Button>
        ))}
      </div>
      {save.error && Object.keys(errors).length === 0 ? <Alert variant="destructive"><AlertDescription>{errorMessage(save.error)}</AlertDescription></Alert> : null}
      <form
        className="grid gap-3 sm:grid-cols-2"
        data-testid="plan-editor"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            code: plan.code,
            name: form.name,
            description: form.description,
            priceMonthlyCents: num(form.priceMonthlyCents),
            priceYearlyCents: num(form.priceYearlyCents),
            overageMessageCents: num(form.overageMessageCents),
            maxUsers: limit(form.maxUsers),
            maxMessagesMonth: limit(form.maxMessagesMonth),
            maxInboxes: limit(form.maxInboxes),
            maxWhatsappNumbers: limit(form.maxWhatsappNumbers),
            messageGracePercent: num(form.messageGracePercent),
            features: form.features.split("\n").map((x) => x.trim()).filter(Boolean),
            isActive: form.isActive,
          });
        }}
      >
        {text("name", m.name)}
        {text("description", m.description)}
        {text("priceMonthlyCents", m.priceMonthly, true, true)}
        {text("priceYearlyCents", m.priceYearly, true, true)}
        {text("overageMessageCents", m.overage, true, true)}
        {text("messageGracePercent", m.grace, true)}
        {text("maxUsers", m.maxUsers, true)}
        {text("maxMessagesMonth", m.maxMessages, true)}
        {text("maxInboxes", m.maxInboxes, true)}
        {text("maxWhatsappNumbers", m.maxNumbers, true)}
        <FormField label={m.features} error={errors.features} className="sm:col-span-2">
          <Textarea rows={4} value={form.features} onChange={set("features")} />
        </FormField>
        <Checkbox label={m.active} labelClassName="text-sm" checked={form.isActive} onChange={(e) => setForm((f) => (f ? { ...f, isActive: e.target.checked } : f))} />
        <div className="sm:col-span-2">
          <Button type="submit" loading={save.isPending}>{t.common.save}</Button>
        </div>
      </form>
      {audit.data?.length ? (
        <div className="text-sm">
          <h3 className="font-medium">{m.auditTitle}</h3>
          <ul data-testid="plan-audit">{audit.data.map((a) => <li key={a.id}>{m.auditLine(a.at, planName(a.planCode), a.operatorEmail)}</li>)}</ul>
        </div>
      ) : null}
    </section>
  );
}
