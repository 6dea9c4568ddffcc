"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Textarea } from "@vendaflow/ui/textarea";
import { useToast } from "@vendaflow/ui/toast";
import { useForm } from "@/components/use-form";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";
import { whatsapp as whatsappText } from "@/lib/i18n/pt-br/whatsapp";
import { useTRPC } from "@/lib/trpc/client";
import { FlowFormFields, flowFormFrom, flowFormValues } from "./flow-form-fields";
import { TemplateFields, templatesFrom, templateValues } from "./template-fields";
import { errorAt, linesToList, type InboxView } from "./urls";
import { FormActions } from "@/components/form-actions";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, inboxes: inboxesText, whatsapp: whatsappText };

const valuesOf = (inbox: InboxView) => ({
  name: inbox.name,
  isActive: inbox.isActive ? "1" : "",
  allowedOrigins: inbox.settings.allowedOrigins.join("\n"),
  schedulingUrl: inbox.settings.schedulingUrl,
  waBusinessAccountId: inbox.settings.waBusinessAccountId ?? "",
  authTemplateName: inbox.settings.authTemplate?.name ?? "",
  authTemplateLanguage: inbox.settings.authTemplate?.language ?? "pt_BR",
  ...templateValues(inbox.settings.templates),
  ...flowFormValues(inbox.settings),
});

export function EditInboxDialog({ inbox, open, onOpenChange, onSaved }: { inbox: InboxView; open: boolean; onOpenChange: (open: boolean) => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const update = useMutation(trpc.inboxes.update.mutationOptions());
  const form = useForm(valuesOf(inbox), async (v) => {
    await update.mutateAsync({
      inboxId: inbox.id,
      name: v.name.trim(),
      isActive: v.isActive === "1",
      settings: {
        ...inbox.settings,
        allowedOrigins: inbox.channel === "web" ? linesToList(v.allowedOrigins) : inbox.settings.allowedOrigins,
        schedulingUrl: v.schedulingUrl.trim(),
        templates: inbox.channel === "whatsapp" ? templatesFrom(v, inbox.settings.templates) : inbox.settings.templates,
        waBusinessAccountId: inbox.channel === "whatsapp" ? v.waBusinessAccountId.trim() || undefined : inbox.settings.waBusinessAccountId,
        flowForm: inbox.channel === "whatsapp" ? flowFormFrom(v) : inbox.settings.flowForm,
        authTemplate:
          inbox.channel === "whatsapp"
            ? v.authTemplateName.trim()
              ? { name: v.authTemplateName.trim(), language: v.authTemplateLanguage.trim() || "pt_BR" }
              : undefined
            : inbox.settings.authTemplate,
      },
    });
    toast.success(t.common.saved);
    onOpenChange(false);
    onSaved();
  });
  const errs = form.errors;
  const wabaChanged = inbox.channel === "whatsapp" && form.values.waBusinessAccountId.trim() !== "" && form.values.waBusinessAccountId.trim() !== (inbox.settings.waBusinessAccountId ?? "");
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t.inboxes.editTitle} description={inbox.name} className="max-w-xl" contentClassName="max-w-xl">
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
        <FormField label={t.inboxes.name} error={errs.name} required><Input {...form.field("name")} autoComplete="off" /></FormField>
        <Checkbox label={t.inboxes.isActive} checked={form.values.isActive === "1"} onChange={(e) => form.setValues((v) => ({ ...v, isActive: e.target.checked ? "1" : "" }))} />
        {inbox.channel === "web" ? (
          <FormField label={t.inboxes.allowedOrigins} error={errorAt(errs, "settings.allowedOrigins")} description={t.inboxes.allowedOriginsHint}>
            <Textarea {...form.field("allowedOrigins")} rows={3} spellCheck={false} className="font-mono text-xs" />
          </FormField>
        ) : null}
        {inbox.channel === "whatsapp" ? (
          <FormField label={t.whatsapp.templates.waba} error={errorAt(errs, "settings.waBusinessAccountId")} description={t.whatsapp.templates.wabaHint}>
            <Input {...form.field("waBusinessAccountId")} inputMode="numeric" autoComplete="off" />
          </FormField>
        ) : null}
        {inbox.channel === "whatsapp" ? (
          <div className="grid gap-3 sm:grid-cols-[1fr_8rem]" data-testid="auth-template">
            <FormField label={t.inboxes.authTemplate} error={errorAt(errs, "settings.authTemplate")} description={t.inboxes.authTemplateHint}>
              <Input {...form.field("authTemplateName")} placeholder="codigo_verificacao" autoComplete="off" />
            </FormField>
            <FormField label={t.inboxes.templateLanguage} error={errs["settings.authTemplate.language"]}>
              <Input {...form.field("authTemplateLanguage")} autoComplete="off" />
            </FormField>
          </div>
        ) : null}
        {inbox.channel === "whatsapp" ? <FlowFormFields inboxId={inbox.id} values={form.values} errors={errs} onChange={(k, value) => form.setValues((v) => ({ ...v, [k]: value }))} /> : null}
        {inbox.channel === "whatsapp" ? <TemplateFields values={form.values} errors={errs} inboxId={inbox.id} existing={inbox.settings.templates} onChange={(k, value) => form.setValues((v) => ({ ...v, [k]: value }))} /> : null}
        <FormField label={t.inboxes.schedulingUrl} error={errs["settings.schedulingUrl"]} description={t.inboxes.schedulingUrlHint}>
          <Input {...form.field("schedulingUrl")} type="url" placeholder="https://calendly.com/suaempresa/30min" />
        </FormField>
        {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
        {/* Another WABA is checked with Meta before it is saved: the wait says so. */}
        <FormActions onCancel={() => onOpenChange(false)} pendingLabel={wabaChanged ? t.inboxes.verifyingWithMeta : undefined} pending={form.pending} />
      </form>
    </Dialog>
  );
}
