"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CrmProvider } from "@vendaflow/validators/plain/crm-sync";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import Link from "next/link";
import { FormActions } from "@/components/form-actions";
import { useForm } from "@/components/use-form";
import { brShortDateTime } from "@/lib/dates";
import { crmSync as crmSyncText } from "@/lib/i18n/pt-br/crm-sync";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { DisconnectButton } from "./disconnect-button";

// The CRM sync card's body once its list has come (forms, status, disconnect dialog): loaded on
// demand by crm-sync-card.tsx, so /settings' first load carries none of it (200 KB budget).
const t = { crmSync: crmSyncText };

const when = (d: Date | string | null) => (d ? brShortDateTime(d) : t.crmSync.never);

/** One section per provider: the connect form, or the connection's status and disconnect. */
export function CrmSyncSections({ conns }: { conns: Conn[] | undefined }) {
  return (
    <>
      <ProviderSection provider="pipedrive" conn={conns?.find((x) => x.provider === "pipedrive") ?? null} />
      <ProviderSection provider="hubspot" conn={conns?.find((x) => x.provider === "hubspot") ?? null} />
    </>
  );
}

export type Conn = { provider: CrmProvider; accountName: string; lastPushAt: Date | string | null; lastPullAt: Date | string | null; lastError: string | null; lastErrorAt: Date | string | null; pending: number; linked: number; webhookUrl: string };

function ProviderSection({ provider, conn }: { provider: CrmProvider; conn: Conn | null }) {
  const c = t.crmSync;
  const name = c.providers[provider];
  const trpc = useTRPC();
  const qc = useQueryClient();
  const disconnect = useMutation(trpc.crmSync.disconnect.mutationOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.crmSync.list.queryKey() });
  return (
    <section className="space-y-3" data-testid={`crm-sync-${provider}`}>
      <h3 className="font-medium">{name}</h3>
      {!conn ? (
        <>
          <p className="text-sm">{c.notConnected}</p>
          {provider === "pipedrive" ? <PipedriveForm onDone={refresh} /> : <OAuthConnect provider={provider} />}
        </>
      ) : (
        <div className="space-y-3" data-testid="crm-sync-connected">
          <p className="text-sm">{c.account(conn.accountName)}</p>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">{c.lastPush}</dt><dd>{when(conn.lastPushAt)}</dd>
            <dt className="text-muted-foreground">{c.lastPull}</dt><dd>{when(conn.lastPullAt)}</dd>
          </dl>
          <p className="text-sm text-muted-foreground">{c.pending(conn.pending)} · {c.linked(conn.linked)}</p>
          {conn.lastError ? <Alert variant="destructive"><AlertDescription>{c.lastError(conn.lastError, when(conn.lastErrorAt))}</AlertDescription></Alert> : null}
          {provider === "pipedrive" ? (
            <div className="space-y-1 text-sm">
              <p className="font-medium">{c.webhookUrl}</p>
              <pre className="rounded bg-muted p-2 break-all whitespace-pre-wrap">{conn.webhookUrl}</pre>
              <p className="text-muted-foreground">{c.webhookHint}</p>
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">{c.hubspotWebhookHint}</p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" asChild><Link href={`/settings/crm-sync/${provider}`}>{c.mapping}</Link></Button>
            <DisconnectButton
              text={{ disconnect: c.disconnect, disconnectTitle: c.disconnectTitle(name), disconnectDescription: c.disconnectDescription(provider), cancel: c.cancel, disconnected: c.disconnected(name) }}
              disconnect={() => disconnect.mutateAsync({ provider })}
              pending={disconnect.isPending}
              onDisconnected={refresh}
              leftBehind={(done) => (done.remoteWebhooksLeft ? c.remoteLeft(provider) : null)}
            />
          </div>
        </div>
      )}
    </section>
  );
}

/** Providers connected through the installation's OAuth app (HubSpot): the consent page, or why not. */
function OAuthConnect({ provider }: { provider: CrmProvider }) {
  const c = t.crmSync;
  const trpc = useTRPC();
  const toast = useToast();
  const options = useQuery(trpc.crmSync.options.queryOptions());
  const start = useMutation(trpc.crmSync.oauthStart.mutationOptions());
  if (options.isLoading) return <Skeleton className="h-9 w-48" />;
  if (!options.data?.oauth.includes(provider)) return <p className="text-sm text-muted-foreground">{c.oauthUnavailable(c.providers[provider])}</p>;
  return (
    <div className="space-y-2">
      <Button
        data-testid={`${provider}-oauth`}
        loading={start.isPending}
        onClick={async () => {
          try {
            window.location.assign((await start.mutateAsync({ provider })).url);
          } catch (err) {
            toast.error(errorMessage(err));
          }
        }}
      >
        {c.oauthConnect(c.providers[provider])}
      </Button>
      <p className="text-sm text-muted-foreground">{c.oauthHint(c.providers[provider])}</p>
    </div>
  );
}

function PipedriveForm({ onDone }: { onDone: () => Promise<void> }) {
  const c = t.crmSync;
  const trpc = useTRPC();
  const toast = useToast();
  const connect = useMutation(trpc.crmSync.connectPipedrive.mutationOptions());
  const form = useForm({ apiToken: "", companyDomain: "" }, async (v) => {
    await connect.mutateAsync({ apiToken: v.apiToken, companyDomain: v.companyDomain });
    toast.success(c.connected(c.providers.pipedrive));
    await onDone();
  });
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate data-testid="pipedrive-connect">
      <FormField label={c.apiToken} error={form.errors.apiToken} description={c.apiTokenHint} required>
        <Input {...form.field("apiToken")} type="password" autoComplete="off" />
      </FormField>
      <FormField label={c.companyDomain} error={form.errors.companyDomain} description={c.companyDomainHint}>
        <Input {...form.field("companyDomain")} placeholder="acme" />
      </FormField>
      {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
      <FormActions submitLabel={c.connect} pending={form.pending} />
    </form>
  );
}
