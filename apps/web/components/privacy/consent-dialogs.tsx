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
import { CONSENT_LIMITS, consentPurposes, manualConsentChannels } from "@vendaflow/validators/plain/privacy";
import type { ConsentPurpose } from "@vendaflow/validators/privacy";
import { useForm } from "@/components/use-form";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { privacyConsents } from "@/lib/i18n/pt-br/privacy-consents";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, privacy: { consents: privacyConsents } };

const c = t.privacy.consents;

export function RecordConsentDialog({ leadId, onOpenChange, onSaved }: { leadId: string; onOpenChange: (open: boolean) => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const record = useMutation(trpc.privacy.recordConsent.mutationOptions());
  const form = useForm({ purpose: "marketing", decision: "granted", channel: "phone", textShown: c.defaultText.marketing, textVersion: "telefone-v1", note: "" }, async (v) => {
    await record.mutateAsync({
      subject: { leadId },
      purpose: v.purpose as ConsentPurpose,
      granted: v.decision === "granted",
      channel: v.channel as (typeof manualConsentChannels)[number],
      textShown: v.textShown,
      textVersion: v.textVersion,
      note: v.note,
    });
    toast.success(c.recorded);
    onSaved();
    onOpenChange(false);
  });
  const onPurpose = (purpose: ConsentPurpose) => form.setValues((v) => ({ ...v, purpose, textShown: c.defaultText[purpose] }));

  return (
    <Dialog open onOpenChange={onOpenChange} title={c.recordTitle} description={c.recordDescription} className="max-w-lg" contentClassName="max-w-lg">
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate data-testid="record-consent-form">
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label={c.form.purpose} error={form.errors.purpose}>
            <Select name="purpose" value={form.values.purpose} onChange={(e) => onPurpose(e.target.value as ConsentPurpose)}>
              {consentPurposes.map((p) => <SelectOption key={p} value={p}>{c.purposes[p]}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={c.form.decision} error={form.errors.granted}>
            <Select {...form.field("decision")}>
              <SelectOption value="granted">{c.form.decisionGranted}</SelectOption>
              <SelectOption value="refused">{c.form.decisionRefused}</SelectOption>
            </Select>
          </FormField>
          <FormField label={c.form.channel} error={form.errors.channel}>
            <Select {...form.field("channel")}>
              {manualConsentChannels.map((ch) => <SelectOption key={ch} value={ch}>{c.channels[ch]}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={c.form.textVersion} error={form.errors.textVersion} required>
            <Input {...form.field("textVersion")} maxLength={CONSENT_LIMITS.textVersion} autoComplete="off" />
          </FormField>
        </div>
        <FormField label={c.form.textShown} error={form.errors.textShown} required>
          <Textarea {...form.field("textShown")} rows={3} />
        </FormField>
        <FormField label={c.form.note} error={form.errors.note} required>
          <Textarea {...form.field("note")} rows={2} placeholder={c.form.notePlaceholder} data-testid="consent-note" />
        </FormField>
        {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>{t.common.cancel}</Button>
          <Button type="submit" loading={form.pending} data-testid="consent-save">{t.common.save}</Button>
        </div>
      </form>
    </Dialog>
  );
}

export function RevokeConsentDialog({ leadId, purpose, onOpenChange, onSaved }: { leadId: string; purpose: ConsentPurpose; onOpenChange: (open: boolean) => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const revoke = useMutation(trpc.privacy.revokeConsent.mutationOptions());
  const form = useForm({ reason: "" }, async (v) => {
    await revoke.mutateAsync({ subject: { leadId }, purpose, reason: v.reason });
    toast.success(c.revokedDone);
    onSaved();
    onOpenChange(false);
  });
  return (
    <Dialog open onOpenChange={onOpenChange} title={c.revokeTitle(c.purposes[purpose])} description={c.revokeDescription} className="max-w-lg" contentClassName="max-w-lg">
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate data-testid="revoke-consent-form">
        <FormField label={c.form.reason} error={form.errors.reason} required>
          <Textarea {...form.field("reason")} rows={2} data-testid="revoke-reason" />
        </FormField>
        {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>{t.common.cancel}</Button>
          <Button type="submit" variant="destructive" loading={form.pending} data-testid="revoke-confirm">{c.revoke}</Button>
        </div>
      </form>
    </Dialog>
  );
}
