"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useState } from "react";
import { FormActions } from "@/components/form-actions";
import { useForm } from "@/components/use-form";
import { DisconnectButton } from "./disconnect-button";
import { brDateTime } from "@/lib/dates";
import { chatwoot as chatwootText } from "@/lib/i18n/pt-br/chatwoot";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { chatwoot: chatwootText };

/** The tenant's Chatwoot mirror (admins only): connect an API inbox, copy the webhook URL, disconnect. */
export function ChatwootCard() {
  const c = t.chatwoot;
  const trpc = useTRPC();
  const qc = useQueryClient();
  const conn = useQuery(trpc.chatwoot.get.queryOptions());
  const [editing, setEditing] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.chatwoot.get.queryKey() });
  const disconnect = useMutation(trpc.chatwoot.disconnect.mutationOptions());

  const body = () => {
    if (conn.isLoading) return <Skeleton className="h-32" />;
    if (conn.error) return <Alert variant="destructive"><AlertDescription>{errorMessage(conn.error)}</AlertDescription></Alert>;
    const d = conn.data;
    if (!d || editing) return <ConnectForm initial={d ? { baseUrl: d.baseUrl, accountId: String(d.accountId), inboxId: String(d.inboxId) } : undefined} onDone={async () => { setEditing(false); await refresh(); }} onCancel={d ? () => setEditing(false) : undefined} />;
    return (
      <div className="space-y-4" data-testid="chatwoot-connected">
        <p className="text-sm">{c.connected(d.baseUrl, d.accountId, d.inboxId)}</p>
        {d.webhookUrl ? (
          <div className="space-y-1 text-sm">
            <p className="font-medium">{c.webhookUrl}</p>
            <pre className="rounded bg-muted p-2 break-all whitespace-pre-wrap" data-testid="chatwoot-webhook-url">{d.webhookUrl}</pre>
            <p className="text-muted-foreground">{c.webhookHint}</p>
          </div>
        ) : null}
        {d.unreadable ? <Alert variant="destructive" data-testid="credentials-error"><AlertDescription>{c.credentialsError}</AlertDescription></Alert> : null}
        {d.lastMirroredAt ? <p className="text-sm text-muted-foreground">{c.lastMirroredAt(brDateTime(d.lastMirroredAt))}</p> : null}
        {d.lastError ? <Alert variant="destructive"><AlertDescription>{c.lastError(d.lastError)}</AlertDescription></Alert> : null}
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" onClick={() => setEditing(true)}>{c.reconnect}</Button>
          <DisconnectButton text={c} disconnect={() => disconnect.mutateAsync()} pending={disconnect.isPending} onDisconnected={refresh} />
        </div>
      </div>
    );
  };

  return (
    <Card data-testid="chatwoot-card">
      <CardHeader><CardTitle>{c.title}</CardTitle></CardHeader>
      <CardContent className="space-y-4">
        <p className="text-sm text-muted-foreground">{c.description}</p>
        {!conn.isLoading && !conn.error && !conn.data && !editing ? <p className="text-sm">{c.notConnected}</p> : null}
        {body()}
      </CardContent>
    </Card>
  );
}

function ConnectForm({ initial, onDone, onCancel }: { initial?: { baseUrl: string; accountId: string; inboxId: string }; onDone: () => Promise<void>; onCancel?: () => void }) {
  const c = t.chatwoot;
  const trpc = useTRPC();
  const toast = useToast();
  const connect = useMutation(trpc.chatwoot.connect.mutationOptions());
  const form = useForm({ baseUrl: initial?.baseUrl ?? "", accountId: initial?.accountId ?? "", inboxId: initial?.inboxId ?? "", apiToken: "" }, async (v) => {
    await connect.mutateAsync({ baseUrl: v.baseUrl, accountId: Number(v.accountId), inboxId: Number(v.inboxId), apiToken: v.apiToken });
    toast.success(c.saved);
    await onDone();
  });
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate data-testid="chatwoot-connect">
      <FormField label={c.baseUrl} error={form.errors.baseUrl} description={c.baseUrlHint} required>
        <Input {...form.field("baseUrl")} type="url" placeholder="https://app.chatwoot.com" />
      </FormField>
      <FormField label={c.accountId} error={form.errors.accountId} description={c.accountIdHint} required>
        <Input {...form.field("accountId")} inputMode="numeric" />
      </FormField>
      <FormField label={c.inboxId} error={form.errors.inboxId} description={c.inboxIdHint} required>
        <Input {...form.field("inboxId")} inputMode="numeric" />
      </FormField>
      <FormField label={c.apiToken} error={form.errors.apiToken} description={c.apiTokenHint} required>
        <Input {...form.field("apiToken")} type="password" autoComplete="off" />
      </FormField>
      {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
      <FormActions submitLabel={c.connect} pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
