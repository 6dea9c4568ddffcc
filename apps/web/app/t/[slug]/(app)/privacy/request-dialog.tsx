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
import { REQUEST_LIMITS, REQUEST_TRANSITIONS } from "@vendaflow/validators/plain/privacy";
import type { RequestView } from "@vendaflow/validators/privacy";
import { useForm } from "@/components/use-form";
import { brDay, brDayOf } from "@/lib/dates";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { privacy as privacyText } from "@/lib/i18n/pt-br/privacy";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, privacy: privacyText };

const a = t.privacy.admin;
const CORRECTABLE = ["name", "email", "phone", "company"] as const;
type Target = "in_progress" | "fulfilled" | "rejected";

export function RequestDialog({ request, onOpenChange, onSaved }: { request: RequestView; onOpenChange: (open: boolean) => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const update = useMutation(trpc.privacy.updateRequest.mutationOptions());
  const targets = REQUEST_TRANSITIONS[request.status] as readonly Target[];
  const form = useForm({ status: targets[0] ?? "fulfilled", response: "", name: "", email: "", phone: "", company: "" }, async (v) => {
    const given = Object.fromEntries(CORRECTABLE.filter((f) => v[f].trim() !== "").map((f) => [f, v[f]]));
    const correction = request.kind === "correction" && v.status === "fulfilled" ? given : undefined;
    await update.mutateAsync({ id: request.id, status: v.status as Target, response: v.response, ...(correction ? { correction } : {}) });
    toast.success(a.updated);
    onSaved();
    onOpenChange(false);
  });
  return (
    <Dialog open onOpenChange={onOpenChange} title={a.updateTitle(request.protocol)} description={`${t.privacy.kinds[request.kind]} · ${request.requesterName}`} className="max-w-lg" contentClassName="max-w-lg">
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate data-testid="privacy-request-dialog">
        {request.verifiedAt && request.dueDate && request.businessDaysLeft !== null ? (
          // The deadline where the answer is written, not only in the queue's row.
          <p className={`text-sm ${request.businessDaysLeft <= 3 ? "text-destructive" : "text-muted-foreground"}`} data-testid="privacy-request-deadline">
            {a.dialogDeadline(brDayOf(request.verifiedAt), brDay(request.dueDate), a.daysLeft(request.businessDaysLeft))}
          </p>
        ) : null}
        {request.details ? <p className="whitespace-pre-line rounded-md bg-muted p-2 text-sm">{request.details}</p> : null}
        {request.kind === "anonymisation" ? <Alert variant="destructive"><AlertDescription>{a.anonymiseWarning}</AlertDescription></Alert> : null}
        {request.kind === "deletion" ? <Alert variant="destructive"><AlertDescription>{a.deletionWarning}</AlertDescription></Alert> : null}
        {request.kind === "correction" && form.values.status === "fulfilled" ? (
          <fieldset className="space-y-3" data-testid="privacy-correction">
            <p className="text-sm text-muted-foreground">{a.correctionHint}</p>
            {form.errors.correction ? <p className="text-sm text-destructive">{form.errors.correction}</p> : null}
            <div className="grid gap-3 sm:grid-cols-2">
              {CORRECTABLE.map((f) => (
                <FormField key={f} label={a.correctionFields[f]} error={form.errors[`correction.${f}`]}>
                  <Input {...form.field(f)} maxLength={255} />
                </FormField>
              ))}
            </div>
          </fieldset>
        ) : null}
        {request.kind === "access" || request.kind === "portability" ? <p className="text-sm text-muted-foreground">{a.exportHint}</p> : null}
        <FormField label={a.newStatus} error={form.errors.status}>
          <Select {...form.field("status")}>
            {targets.map((s) => <SelectOption key={s} value={s}>{t.privacy.statuses[s]}</SelectOption>)}
          </Select>
        </FormField>
        <FormField label={a.response} error={form.errors.response} description={a.responseHint} required={form.values.status !== "in_progress"}>
          <Textarea {...form.field("response")} rows={4} maxLength={REQUEST_LIMITS.response} />
        </FormField>
        {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>{t.common.cancel}</Button>
          <Button type="submit" loading={form.pending}>{t.common.save}</Button>
        </div>
      </form>
    </Dialog>
  );
}
