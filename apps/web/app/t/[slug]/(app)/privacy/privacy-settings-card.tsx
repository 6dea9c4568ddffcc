"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Textarea } from "@vendaflow/ui/textarea";
import { useToast } from "@vendaflow/ui/toast";
import { REQUEST_LIMITS } from "@vendaflow/validators/plain/privacy";
import type { PrivacySettingsInput } from "@vendaflow/validators/privacy";
import { useForm } from "@/components/use-form";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { privacy as privacyText } from "@/lib/i18n/pt-br/privacy";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, privacy: privacyText };

const a = t.privacy.admin;

export function PrivacySettingsCard() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.privacy.settings.queryOptions());
  return (
    <Card>
      <CardHeader><CardTitle>{a.settingsTitle}</CardTitle></CardHeader>
      <CardContent>{settings.data ? <SettingsForm initial={settings.data} /> : <Skeleton className="h-40" />}</CardContent>
    </Card>
  );
}

function SettingsForm({ initial }: { initial: PrivacySettingsInput }) {
  const trpc = useTRPC();
  const toast = useToast();
  const save = useMutation(trpc.privacy.saveSettings.mutationOptions());
  const form = useForm({ ...initial }, async (v) => {
    await save.mutateAsync(v);
    toast.success(a.saved);
  });
  return (
    <form onSubmit={form.onSubmit} className="space-y-4" noValidate data-testid="privacy-settings-form">
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField label={a.dpoName} error={form.errors.dpoName} required><Input {...form.field("dpoName")} maxLength={REQUEST_LIMITS.dpoName} /></FormField>
        <FormField label={a.dpoEmail} error={form.errors.dpoEmail} required><Input {...form.field("dpoEmail")} type="email" maxLength={REQUEST_LIMITS.email} /></FormField>
        <FormField label={a.dpoPhone} error={form.errors.dpoPhone}><Input {...form.field("dpoPhone")} maxLength={REQUEST_LIMITS.dpoPhone} /></FormField>
      </div>
      <FormField label={a.notice} error={form.errors.notice} description={a.noticeHint}><Textarea {...form.field("notice")} rows={6} maxLength={REQUEST_LIMITS.notice} /></FormField>
      {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
      <Button type="submit" loading={form.pending}>{t.common.save}</Button>
    </form>
  );
}
