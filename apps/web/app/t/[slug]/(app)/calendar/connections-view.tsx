"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { calendarProviders } from "@vendaflow/validators/plain/scheduling";
import type { CalendarProviderName } from "@vendaflow/validators/scheduling";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useState } from "react";
import { useForm } from "@/components/use-form";
import { scheduling as schedulingText } from "@/lib/i18n/pt-br/scheduling";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { useConfirm } from "@/components/confirm";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { scheduling: schedulingText };

type Connection = { provider: CalendarProviderName; account_name: string; event_type_ref: string | null; event_type_name: string | null; auth: "oauth" | "token"; unreadable: boolean };

/** One card per provider: connect with a token, pick the event type offered to leads, disconnect. */
export function ConnectionsView({ result }: { result?: string | null }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.scheduling.connections.queryOptions());
  const resultText = result ? t.scheduling.connections.oauthResult[result] : undefined;
  // What the OAuth callback reported, shown at once (also while the list loads).
  const banner = resultText ? (
    <Alert variant={result === "conectado" ? "default" : "destructive"} data-testid="calendly-oauth-result">
      <AlertDescription>{resultText}</AlertDescription>
    </Alert>
  ) : null;
  if (list.isLoading) return <div className="space-y-6">{banner}<Skeleton className="h-64" /></div>;
  const header = <PageHeader title={t.scheduling.connections.title} description={t.scheduling.connections.description} />;
  if (list.error) return <div className="space-y-6">{header}<Alert variant="destructive"><AlertDescription>{errorMessage(list.error)}</AlertDescription></Alert></div>;
  return (
    <div className="space-y-6">
      {header}
      {banner}
      <div className="grid gap-6 lg:grid-cols-2">
        {calendarProviders.map((p) => <ProviderCard key={p} provider={p} connection={list.data!.find((c) => c.provider === p) ?? null} />)}
      </div>
    </div>
  );
}

function ProviderCard({ provider, connection }: { provider: CalendarProviderName; connection: Connection | null }) {
  const confirm = useConfirm();
  const c = t.scheduling.connections;
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(!connection);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.scheduling.connections.queryKey() });
  const connect = useMutation(trpc.scheduling.connect.mutationOptions());
  const disconnect = useMutation(trpc.scheduling.disconnect.mutationOptions());
  const options = useQuery(trpc.scheduling.options.queryOptions());
  const oauthStart = useMutation(trpc.scheduling.calendlyOAuthStart.mutationOptions());
  const oauth = provider === "calendly" && options.data?.calendlyOAuth;
  const form = useForm({ token: "" }, async (v) => {
    await connect.mutateAsync({ provider, token: v.token });
    toast.success(c.saved);
    form.setValues({ token: "" });
    setEditing(false);
    await refresh();
  });
  return (
    <Card data-testid="calendar-connection" data-provider={provider}>
      <CardHeader><CardTitle>{c.providers[provider]}</CardTitle></CardHeader>
      <CardContent className="space-y-4">
        <p className="text-sm text-muted-foreground">
          {connection ? c.connected(connection.account_name) : c.notConnected}
          {connection?.auth === "oauth" ? ` ${c.viaOAuth}` : null}
        </p>
        {connection?.unreadable ? <Alert variant="destructive" data-testid="credentials-error"><AlertDescription>{c.credentialsError}</AlertDescription></Alert> : null}
        {connection && !connection.unreadable ? <EventTypePicker provider={provider} connection={connection} onSaved={refresh} /> : null}
        {editing && oauth ? (
          <div className="space-y-2">
            <Button
              data-testid="calendly-oauth"
              loading={oauthStart.isPending}
              onClick={async () => {
                try {
                  window.location.assign((await oauthStart.mutateAsync()).url);
                } catch (err) {
                  toast.error(errorMessage(err));
                }
              }}
            >
              {c.oauthConnect}
            </Button>
            <p className="text-sm text-muted-foreground">{c.oauthHint}</p>
            <p className="text-sm">{c.orToken}</p>
          </div>
        ) : null}
        {editing ? (
          <form onSubmit={form.onSubmit} className="space-y-3" noValidate>
            <FormField label={c.tokenLabel[provider]} error={form.errors.token} description={c.tokenHint[provider]}>
              <Input {...form.field("token")} type="password" autoComplete="off" />
            </FormField>
            {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
            <Button type="submit" loading={form.pending}>{c.connect}</Button>
          </form>
        ) : null}
        {connection ? (
          <div className="flex gap-2">
            {!editing ? <Button variant="outline" onClick={() => setEditing(true)}>{c.reconnect}</Button> : null}
            <Button
              variant="destructive"
              loading={disconnect.isPending}
              onClick={async () => {
                if (!(await confirm({ title: c.disconnectConfirm, actionLabel: c.disconnect }))) return;
                try {
                  await disconnect.mutateAsync({ provider });
                  setEditing(true);
                  await refresh();
                } catch (err) {
                  toast.error(errorMessage(err));
                }
              }}
            >
              {c.disconnect}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function EventTypePicker({ provider, connection, onSaved }: { provider: CalendarProviderName; connection: Connection; onSaved: () => Promise<void> }) {
  const c = t.scheduling.connections;
  const trpc = useTRPC();
  const toast = useToast();
  const types = useQuery(trpc.scheduling.eventTypes.queryOptions({ provider }));
  const pick = useMutation(trpc.scheduling.pickEventType.mutationOptions());
  const [ref, setRef] = useState(connection.event_type_ref ?? "");
  if (types.isLoading) return <Skeleton className="h-9" />;
  if (types.error) return <Alert variant="destructive"><AlertDescription>{errorMessage(types.error)}</AlertDescription></Alert>;
  return (
    <div className="space-y-2">
      <p className="text-sm">{connection.event_type_name ? c.offered(connection.event_type_name) : c.noEventType}</p>
      <FormField label={c.eventType}>
        <Select value={ref} placeholder={c.eventTypePlaceholder} onChange={(e) => setRef(e.target.value)} data-testid="event-type">
          {types.data!.map((e) => <option key={e.ref} value={e.ref}>{e.name}</option>)}
        </Select>
      </FormField>
      <Button
        variant="outline"
        disabled={!ref || ref === connection.event_type_ref}
        loading={pick.isPending}
        onClick={async () => {
          try {
            await pick.mutateAsync({ provider, eventTypeRef: ref });
            toast.success(c.saved);
            await onSaved();
          } catch (err) {
            toast.error(errorMessage(err));
          }
        }}
      >
        {c.saveEventType}
      </Button>
    </div>
  );
}
