"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { useToast } from "@vendaflow/ui/toast";
import { useState } from "react";
import { FormActions } from "@/components/form-actions";
import { useForm } from "@/components/use-form";
import { CallbackUrl, ConnectionCard } from "./connection-card";
import { DisconnectButton } from "./disconnect-button";
import { brDateTime } from "@/lib/dates";
import { chatwoot as chatwootText } from "@/lib/i18n/pt-br/chatwoot";
import { useTRPC } from "@/lib/trpc/client";

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

  return (
    <ConnectionCard
      testId="chatwoot-card"
      text={c}
      conn={conn}
      editing={editing}
      form={(d) => <ConnectForm initial={d ? { baseUrl: d.baseUrl, accountId: String(d.accountId), inboxId: String(d.inboxId) } : undefined} onDone={async () => { setEditing(false); await refresh(); }} onCancel={d ? () => setEditing(false) : undefined} />}
      connected={(d) => (
        <div className="space-y-4" data-testid="chatwoot-connected">
          <p className="text-sm">{c.connected(d.baseUrl, d.accountId, d.inboxId)}</p>
          {d.webhookUrl ? <CallbackUrl title={c.webhookUrl} url={d.webhookUrl} hint={c.webhookHint} testId="chatwoot-webhook-url" /> : null}
          {d.unreadable ? <Alert variant="destructive" data-testid="credentials-error"><AlertDescription>{c.credentialsError}</AlertDescription></Alert> : null}
          {d.lastMirroredAt ? <p className="text-sm text-muted-foreground">{c.lastMirroredAt(brDateTime(d.lastMirroredAt))}</p> : null}
          {d.lastError ? <Alert variant="destructive"><AlertDescription>{c.lastError(d.lastError)}</AlertDescription></Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" onClick={() => setEditing(true)}>{c.reconnect}</Button>
            <DisconnectButton text={c} disconnect={() => disconnect.mutateAsync()} pending={disconnect.isPending} onDisconnected={refresh} />
          </div>
        </div>
      )}
    />
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
