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
import { n8n as n8nText } from "@/lib/i18n/pt-br/n8n";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { n8n: n8nText };

/** The tenant's n8n instance (admins only): where /api/n8n/trigger forwards to. */
export function N8nCard() {
  const c = t.n8n;
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const conn = useQuery(trpc.n8n.get.queryOptions());
  const [editing, setEditing] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.n8n.get.queryKey() });
  const save = useMutation(trpc.n8n.save.mutationOptions());
  const remove = useMutation(trpc.n8n.remove.mutationOptions());
  const form = useForm({ baseUrl: "", authHeaderName: "", authHeaderValue: "" }, async (v) => {
    await save.mutateAsync({ baseUrl: v.baseUrl, authHeaderName: v.authHeaderName, authHeaderValue: v.authHeaderValue || undefined });
    toast.success(c.saved);
    form.setValues({ baseUrl: "", authHeaderName: "", authHeaderValue: "" });
    setEditing(false);
    await refresh();
  });

  const d = conn.data;
  return (
    <Card data-testid="n8n-card">
      <CardHeader><CardTitle>{c.title}</CardTitle></CardHeader>
      <CardContent className="space-y-4">
        <p className="text-sm text-muted-foreground">{c.description}</p>
        {conn.isLoading ? <Skeleton className="h-24" /> : null}
        {conn.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(conn.error)}</AlertDescription></Alert> : null}
        {!conn.isLoading && !conn.error && !d && !editing ? <p className="text-sm">{c.notConnected}</p> : null}
        {d && !editing ? (
          <div className="space-y-3 text-sm">
            <p>{c.connected(d.baseUrl)}</p>
            {d.authHeaderName ? <p className="text-muted-foreground">{c.headerSet(d.authHeaderName)}</p> : null}
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => { form.setValues({ baseUrl: d.baseUrl, authHeaderName: d.authHeaderName ?? "", authHeaderValue: "" }); setEditing(true); }}>{c.edit}</Button>
              <DisconnectButton text={{ disconnect: c.remove, disconnectTitle: c.removeTitle, disconnectDescription: c.removeDescription, cancel: c.cancel, disconnected: c.removed }} disconnect={() => remove.mutateAsync()} pending={remove.isPending} onDisconnected={refresh} />
            </div>
          </div>
        ) : null}
        {!conn.isLoading && !conn.error && (!d || editing) ? (
          <form onSubmit={form.onSubmit} className="space-y-3" noValidate>
            <FormField label={c.baseUrl} error={form.errors.baseUrl} description={c.baseUrlHint} required>
              <Input {...form.field("baseUrl")} type="url" placeholder="https://n8n.suaempresa.com.br" />
            </FormField>
            <FormField label={c.headerName} error={form.errors.authHeaderName} description={c.headerNameHint}>
              <Input {...form.field("authHeaderName")} placeholder="X-N8N-Key" />
            </FormField>
            <FormField label={c.headerValue} error={form.errors.authHeaderValue}>
              <Input {...form.field("authHeaderValue")} type="password" autoComplete="off" />
            </FormField>
            {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
            <FormActions submitLabel={c.save} pending={form.pending} onCancel={d ? () => setEditing(false) : undefined} />
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}
