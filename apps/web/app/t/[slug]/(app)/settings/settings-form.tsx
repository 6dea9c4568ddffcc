"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useEffect, type ComponentProps } from "react";
import { useForm } from "@/components/use-form";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { settings as settingsText } from "@/lib/i18n/pt-br/workspace-settings";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { AiSettingsCard } from "./ai-settings-card";
import { DomainCard } from "./domain-card";
import { CrmOAuthResult, CrmSyncCard } from "./crm-sync-card";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, settings: settingsText };
// The address card (its strings, the slug rules) and the integrations below the fold (Slack, n8n,
// Chatwoot) load on demand: /settings is at its bundle budget. Plain lazy + the page's own
// Skeleton: components/loading's onDemand would bring its Spinner along.
const AddressCard = lazy(() => import("./address-card").then((m) => ({ default: m.AddressCard })));
const SlackCard = lazy(() => import("./slack-card").then((m) => ({ default: m.SlackCard })));
const N8nCard = lazy(() => import("./n8n-card").then((m) => ({ default: m.N8nCard })));
const ChatwootCard = lazy(() => import("./chatwoot-card").then((m) => ({ default: m.ChatwootCard })));

export function SettingsForm({ crmResult = null }: { crmResult?: string | null } = {}) {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const qc = useQueryClient();
  const tenant = useQuery(trpc.tenant.get.queryOptions());
  const update = useMutation(trpc.tenant.updateSettings.mutationOptions());
  const form = useForm({ name: "", primaryColor: "#2563eb", logoUrl: "", botName: "" }, async (v) => {
    await update.mutateAsync({ name: v.name, theme: { primaryColor: v.primaryColor, logoUrl: v.logoUrl, botName: v.botName } });
    await qc.invalidateQueries({ queryKey: trpc.tenant.get.queryKey() });
    // The brand (colour, name, logo) is painted by the server layouts: re-render them in place. A
    // reload did that too, and took the "Salvo" toast with it.
    router.refresh();
    toast.success(t.common.saved);
  });
  const { setValues } = form;
  useEffect(() => {
    if (!tenant.data) return;
    setValues({ name: tenant.data.name, ...tenant.data.theme });
  }, [tenant.data, setValues]);

  const banner = <CrmOAuthResult result={crmResult} />;
  if (tenant.isLoading) return <div className="space-y-6">{banner}<Skeleton className="h-96" /></div>;
  if (tenant.error) return <Alert variant="destructive"><AlertDescription>{errorMessage(tenant.error)}</AlertDescription></Alert>;
  const errs = form.errors;
  return (
    <div className="space-y-6">
      <PageHeader title={t.settings.title} description={t.settings.description} />
      {banner}
      <Card>
        <CardContent>
          <form onSubmit={form.onSubmit} className="grid gap-4 md:grid-cols-2" noValidate>
            <FormField label={t.settings.companyName} error={errs.name} required><Input {...form.field("name")} /></FormField>
            <FormField label={t.settings.botName} error={errs["theme.botName"]} required><Input {...form.field("botName")} /></FormField>
            <FormField label={t.settings.primaryColor} error={errs["theme.primaryColor"]}>
              <ColorInput pickerLabel={t.settings.primaryColorPicker} {...form.field("primaryColor")} />
            </FormField>
            <FormField label={t.settings.logoUrl} error={errs["theme.logoUrl"]}><Input {...form.field("logoUrl")} placeholder="https://" /></FormField>
            {form.formError ? <Alert variant="destructive" className="md:col-span-2"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
            <div className="md:col-span-2"><Button type="submit" loading={form.pending}>{t.common.save}</Button></div>
          </form>
        </CardContent>
      </Card>
      {tenant.data ? <Suspense fallback={<Skeleton className="h-48" />}><AddressCard tenant={tenant.data} /></Suspense> : null}
      <DomainCard customDomain={tenant.data?.customDomain ?? null} verified={tenant.data?.customDomainVerified ?? false} txt={tenant.data?.customDomainTxt ? { type: "TXT", ...tenant.data.customDomainTxt } : null} />
      <AiSettingsCard />
      <Suspense fallback={<Skeleton className="h-40" />}>
        <SlackCard />
        <N8nCard />
        <ChatwootCard />
      </Suspense>
      <CrmSyncCard />
    </div>
  );
}

/**
 * A colour as text with a swatch picker beside it. FormField's id, aria-invalid and
 * aria-describedby go to the text input, so its label names it (not the wrapper).
 */
function ColorInput({ pickerLabel, ...input }: ComponentProps<typeof Input> & { pickerLabel: string }) {
  return (
    <div className="flex gap-2">
      <input type="color" aria-label={pickerLabel} value={input.value} onChange={input.onChange} className="h-9 w-12 rounded border" />
      <Input {...input} />
    </div>
  );
}
