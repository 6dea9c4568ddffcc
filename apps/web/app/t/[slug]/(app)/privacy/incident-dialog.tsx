"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Textarea } from "@vendaflow/ui/textarea";
import { useToast } from "@vendaflow/ui/toast";
import { INCIDENT_LIMITS, incidentRisks } from "@vendaflow/validators/plain/privacy";
import type { IncidentRisk } from "@vendaflow/validators/privacy";
import { useForm } from "@/components/use-form";
import { saoPauloWallTime } from "@/lib/dates";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { privacy as privacyText } from "@/lib/i18n/pt-br/privacy";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, privacy: privacyText };

const i18n = t.privacy.incidents;
/** datetime-local (Brasília wall time) → ISO instant; blank → null. */
const toIso = (v: string) => (v ? saoPauloWallTime(v).toISOString() : null);

export function IncidentDialog({ onOpenChange, onSaved }: { onOpenChange: (open: boolean) => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const create = useMutation(trpc.privacy.createIncident.mutationOptions());
  const form = useForm({ title: "", description: "", occurredAt: "", knownAt: "", dataCategories: "", subjectsAffected: "", measures: "", risk: "medium" }, async (v) => {
    await create.mutateAsync({
      title: v.title,
      description: v.description,
      occurredAt: toIso(v.occurredAt),
      knownAt: toIso(v.knownAt) ?? "",
      dataCategories: v.dataCategories.split(",").map((c) => c.trim()).filter(Boolean),
      subjectsAffected: v.subjectsAffected.trim() === "" ? Number.NaN : Number(v.subjectsAffected),
      measures: v.measures,
      risk: v.risk as IncidentRisk,
    });
    toast.success(i18n.saved);
    onSaved();
    onOpenChange(false);
  });
  return (
    <Dialog open onOpenChange={onOpenChange} title={i18n.createTitle} className="max-w-2xl" contentClassName="max-w-2xl">
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate data-testid="incident-form">
        <FormField label={i18n.form.title} error={form.errors.title} required><Input {...form.field("title")} maxLength={INCIDENT_LIMITS.title} /></FormField>
        <FormField label={i18n.form.description} error={form.errors.description} required><Textarea {...form.field("description")} rows={3} maxLength={INCIDENT_LIMITS.description} /></FormField>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label={i18n.form.occurredAt} error={form.errors.occurredAt}><Input {...form.field("occurredAt")} type="datetime-local" /></FormField>
          <FormField label={i18n.form.knownAt} error={form.errors.knownAt} required><Input {...form.field("knownAt")} type="datetime-local" /></FormField>
          <FormField label={i18n.form.dataCategories} error={form.errors.dataCategories} required><Input {...form.field("dataCategories")} placeholder="nome, e-mail, telefone" /></FormField>
          <FormField label={i18n.form.subjectsAffected} error={form.errors.subjectsAffected} required><Input {...form.field("subjectsAffected")} inputMode="numeric" /></FormField>
          <FormField label={i18n.form.risk} error={form.errors.risk}>
            <Select {...form.field("risk")}>{incidentRisks.map((r) => <SelectOption key={r} value={r}>{i18n.risks[r]}</SelectOption>)}</Select>
          </FormField>
        </div>
        <FormField label={i18n.form.measures} error={form.errors.measures} required><Textarea {...form.field("measures")} rows={3} maxLength={INCIDENT_LIMITS.measures} /></FormField>
        {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>{t.common.cancel}</Button>
          <Button type="submit" loading={form.pending}>{t.common.save}</Button>
        </div>
      </form>
    </Dialog>
  );
}
