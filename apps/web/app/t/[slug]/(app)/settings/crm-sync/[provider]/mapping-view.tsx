"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { crmContactFields, crmDealFields, type CrmContactField, type CrmDealField, type CrmProvider } from "@vendaflow/validators/plain/crm-sync";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Select } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import Link from "next/link";
import { useEffect, useState } from "react";
import { crmSync as crmSyncText } from "@/lib/i18n/pt-br/crm-sync";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

const t = { crmSync: crmSyncText };

/** Which fields sync and the stage pairs of one provider's connection. */
export function MappingView({ provider }: { provider: CrmProvider }) {
  const c = t.crmSync;
  const name = c.providers[provider];
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery(trpc.crmSync.mapping.queryOptions({ provider }, { retry: false }));
  const save = useMutation(trpc.crmSync.saveMapping.mutationOptions());
  const [contact, setContact] = useState<Record<CrmContactField, boolean> | null>(null);
  const [deal, setDeal] = useState<Record<CrmDealField, boolean> | null>(null);
  const [pairs, setPairs] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!q.data) return;
    setContact(q.data.mapping.contact);
    setDeal(q.data.mapping.deal);
    setPairs(Object.fromEntries(q.data.mapping.stages.map((s) => [s.localStageId, s.remoteStageId])));
  }, [q.data]);

  const body = () => {
    if (q.isLoading || (q.data && !contact)) return <Skeleton className="h-64" data-testid="crm-mapping-loading" />;
    if (q.error) {
      const missing = q.error.data?.code === "NOT_FOUND";
      return <Alert variant={missing ? "default" : "destructive"}><AlertDescription>{missing ? c.notConnectedMapping : errorMessage(q.error)}</AlertDescription></Alert>;
    }
    const d = q.data!;
    return (
      <form
        className="space-y-6"
        data-testid="crm-mapping-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await save.mutateAsync({ provider, mapping: { contact: contact!, deal: deal!, stages: Object.entries(pairs).filter(([, r]) => r).map(([localStageId, remoteStageId]) => ({ localStageId, remoteStageId })) } });
            toast.success(c.saved);
            await qc.invalidateQueries({ queryKey: trpc.crmSync.mapping.queryKey({ provider }) });
          } catch (err) {
            setError(errorMessage(err));
          }
        }}
      >
        <fieldset className="space-y-1">
          <legend className="font-medium">{c.contactFields}</legend>
          {crmContactFields.map((f) => (
            <Checkbox key={f} label={c.contactFieldNames[f]} checked={contact![f]} onChange={(ev) => setContact((m) => ({ ...m!, [f]: ev.target.checked }))} />
          ))}
        </fieldset>
        <fieldset className="space-y-1">
          <legend className="font-medium">{c.dealFields}</legend>
          {crmDealFields.map((f) => (
            <Checkbox key={f} label={c.dealFieldNames[f]} checked={deal![f]} onChange={(ev) => setDeal((m) => ({ ...m!, [f]: ev.target.checked }))} />
          ))}
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="font-medium">{c.stages}</legend>
          <p className="text-sm text-muted-foreground">{c.stagesHint}</p>
          {d.unreadable ? <Alert variant="destructive" data-testid="credentials-error"><AlertDescription>{c.credentialsError}</AlertDescription></Alert> : null}
          {d.remoteError ? <Alert variant="destructive"><AlertDescription>{c.remoteStagesError(d.remoteError)}</AlertDescription></Alert> : null}
          {!d.localStages.length ? <p className="text-sm">{c.noStages}</p> : (
            <table className="w-full text-sm">
              <tbody>
                {d.localStages.map((s) => (
                  <tr key={s.id}>
                    <td className="py-1 pr-4">{s.pipeline} · {s.name}</td>
                    <td className="py-1">
                      <Select aria-label={`${s.pipeline} · ${s.name}`} value={pairs[s.id] ?? ""} onChange={(e) => setPairs((p) => ({ ...p, [s.id]: e.target.value }))}>
                        <option value="">{c.noRemoteStage}</option>
                        {d.remoteStages.map((r) => <option key={r.id} value={r.id}>{r.pipeline ? `${r.pipeline} · ${r.name}` : r.name}</option>)}
                      </Select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </fieldset>
        {error ? <Alert variant="destructive"><AlertDescription>{error}</AlertDescription></Alert> : null}
        <Button type="submit" loading={save.isPending}>{c.save}</Button>
      </form>
    );
  };

  return (
    <div className="space-y-4">
      <Link href="/settings" className="text-sm text-muted-foreground hover:underline">← {c.back}</Link>
      <Card data-testid="crm-mapping">
        {/* The card is the page: its title is the page's one <h1>. */}
        <CardHeader><CardTitle asChild><h1>{c.mappingTitle(name)}</h1></CardTitle></CardHeader>
        <CardContent className="space-y-4">
          <p className="text-sm text-muted-foreground">{c.mappingDescription}</p>
          {body()}
        </CardContent>
      </Card>
    </div>
  );
}
