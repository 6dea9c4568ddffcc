"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { ScrollRegion } from "@vendaflow/ui/scroll-region";
import { useToast } from "@vendaflow/ui/toast";
import { useEffect } from "react";
import { useConfirm } from "@/components/confirm";
import { useForm } from "@/components/use-form";
import { settings as settingsText } from "@/lib/i18n/pt-br/workspace-settings";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

const t = { settings: settingsText };

interface Rec {
  type: string;
  name: string;
  value: string;
}

/**
 * The tenant's custom domain: our TXT record (ownership) plus, when the platform manages domains,
 * the hosting's own records (CNAME or A, its TXT challenge) read live from it. While anything is
 * pending the card polls the hosting every 30 s, so DNS propagation shows without a reload.
 */
export function DomainCard({ customDomain, verified, txt }: { customDomain: string | null; verified: boolean; txt: Rec | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const confirm = useConfirm();
  const status = useQuery({
    ...trpc.tenant.customDomainStatus.queryOptions(),
    enabled: Boolean(customDomain),
    refetchInterval: (q) => {
      const d = q.state.data;
      return d?.managed && (!verified || !d.hosting || d.hosting.misconfigured || !d.hosting.verified) ? 30_000 : false;
    },
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: trpc.tenant.get.queryKey() });
    await qc.invalidateQueries({ queryKey: trpc.tenant.customDomainStatus.queryKey() });
  };
  const setDomain = useMutation(trpc.tenant.setCustomDomain.mutationOptions());
  const verify = useMutation(trpc.tenant.verifyCustomDomain.mutationOptions({ onSuccess: () => { toast.success(t.settings.verified); void refresh(); }, onError: (e) => toast.error(errorMessage(e)) }));
  const form = useForm({ domain: "" }, async (v) => {
    await setDomain.mutateAsync({ domain: v.domain });
    toast.success(t.settings.domainSaved);
    await refresh();
  });
  const { setValues } = form;
  useEffect(() => setValues({ domain: customDomain ?? "" }), [customDomain, setValues]);

  const remove = async () => {
    if (!(await confirm({ title: t.settings.confirmRemoveDomain, actionLabel: t.settings.removeDomain }))) return;
    try {
      await setDomain.mutateAsync({ domain: null });
      toast.success(t.settings.domainRemoved);
      await refresh();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  const hosting = status.data?.hosting ?? null;
  const records: Rec[] = [...(txt && !verified ? [txt] : []), ...(hosting ? hosting.records.filter((r) => r.type !== "TXT" || !hosting.verified) : [])];
  return (
    <Card>
      <CardHeader><CardTitle>{t.settings.domainTitle}</CardTitle></CardHeader>
      <CardContent className="space-y-4">
        <form onSubmit={form.onSubmit} className="flex flex-wrap items-end gap-2" noValidate>
          <FormField label={t.settings.domain} error={form.errors.domain} className="min-w-64 flex-1"><Input {...form.field("domain")} placeholder="vendas.suaempresa.com.br" /></FormField>
          <Button type="submit" variant="outline" loading={form.pending}>{t.settings.saveDomain}</Button>
          {customDomain ? <Button type="button" variant="ghost" onClick={() => void remove()}>{t.settings.removeDomain}</Button> : null}
        </form>
        {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
        {customDomain ? (
          <div className="space-y-3 text-sm">
            <Badge variant={verified ? "success" : "warning"}>{verified ? t.settings.verified : t.settings.unverified}</Badge>
            {status.data?.unreachable ? <Alert><AlertDescription>{t.settings.hostingUnreachable}</AlertDescription></Alert> : null}
            {status.data && !status.data.managed && !verified ? <p className="text-muted-foreground">{t.settings.manualHosting}</p> : null}
            {records.length ? (
              <>
                <p>{t.settings.domainHint}</p>
                <ScrollRegion className="overflow-x-auto">
                  <table className="w-full text-left font-mono text-xs" aria-label={t.settings.domainHint}>
                    <thead><tr className="text-muted-foreground"><th className="py-1 pr-3 font-sans font-medium">{t.settings.recordType}</th><th className="py-1 pr-3 font-sans font-medium">{t.settings.recordName}</th><th className="py-1 font-sans font-medium">{t.settings.recordValue}</th></tr></thead>
                    <tbody>{records.map((r) => <tr key={`${r.type}:${r.name}`}><td className="py-1 pr-3">{r.type}</td><td className="py-1 pr-3 break-all">{r.name}</td><td className="py-1 break-all">{r.value}</td></tr>)}</tbody>
                  </table>
                </ScrollRegion>
              </>
            ) : null}
            {hosting ? <p className={hosting.misconfigured ? "text-amber-700" : "text-muted-foreground"}>{hosting.misconfigured ? t.settings.dnsPending : t.settings.dnsOk}</p> : null}
            {!verified ? <Button size="sm" onClick={() => verify.mutate()} loading={verify.isPending}>{t.settings.verify}</Button> : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
