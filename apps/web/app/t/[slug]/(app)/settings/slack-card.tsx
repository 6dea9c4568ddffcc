"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { slackModes, slackNotifyEvents } from "@vendaflow/validators/plain/slack";
import type { SlackMode, SlackNotifyEvent } from "@vendaflow/validators/slack";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import { useState } from "react";
import { FormActions } from "@/components/form-actions";
import { useForm } from "@/components/use-form";
import { CallbackUrl, ConnectionCard } from "./connection-card";
import { DisconnectButton } from "./disconnect-button";
import { slack as slackText } from "@/lib/i18n/pt-br/slack";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { slack: slackText };

/** The tenant's Slack connection (admins only): connect, test, see the slash commands' URL, disconnect. */
export function SlackCard() {
  const c = t.slack;
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const conn = useQuery(trpc.slack.get.queryOptions());
  const [editing, setEditing] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.slack.get.queryKey() });
  const test = useMutation(trpc.slack.test.mutationOptions({ onSuccess: () => { toast.success(c.tested); refresh(); }, onError: (e) => toast.error(errorMessage(e)) }));
  const disconnect = useMutation(trpc.slack.disconnect.mutationOptions());

  return (
    <ConnectionCard
      testId="slack-card"
      text={c}
      conn={conn}
      editing={editing}
      form={(d) => <ConnectForm initial={d ? { mode: d.mode, channel: d.channel ?? "", events: d.events } : undefined} onDone={async () => { setEditing(false); await refresh(); }} onCancel={d ? () => setEditing(false) : undefined} />}
      connected={(d) => (
        <div className="space-y-4" data-testid="slack-connected">
          <p className="text-sm">{d.mode === "bot" ? c.connectedBot(d.teamName, d.channel ?? "") : c.connectedWebhook}</p>
          <ul className="list-inside list-disc text-sm text-muted-foreground">
            {d.events.map((e) => <li key={e}>{c.eventNames[e]}</li>)}
          </ul>
          {d.commandsUrl ? <CallbackUrl title={c.commandsUrl} url={d.commandsUrl} hint={c.commandsHint} testId="slack-commands-url" /> : <p className="text-sm text-muted-foreground">{c.noCommands}</p>}
          {d.unreadable ? <Alert variant="destructive" data-testid="credentials-error"><AlertDescription>{c.credentialsError}</AlertDescription></Alert> : null}
          {d.lastError ? <Alert variant="destructive"><AlertDescription>{c.lastError(d.lastError)}</AlertDescription></Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" loading={test.isPending} onClick={() => test.mutate()}>{c.test}</Button>
            <Button variant="outline" onClick={() => setEditing(true)}>{c.reconnect}</Button>
            <DisconnectButton text={c} disconnect={() => disconnect.mutateAsync()} pending={disconnect.isPending} onDisconnected={refresh} />
          </div>
        </div>
      )}
    />
  );
}

/** `initial`: the current connection's choices on "Trocar conexão" (the secrets are typed again); all events ticked made a reconnect turn back on the ones switched off. */
function ConnectForm({ initial, onDone, onCancel }: { initial?: { mode: SlackMode; channel: string; events: SlackNotifyEvent[] }; onDone: () => Promise<void>; onCancel?: () => void }) {
  const c = t.slack;
  const trpc = useTRPC();
  const toast = useToast();
  const connect = useMutation(trpc.slack.connect.mutationOptions());
  const [events, setEvents] = useState<SlackNotifyEvent[]>(initial ? [...initial.events] : [...slackNotifyEvents]);
  const form = useForm({ mode: (initial?.mode ?? "bot") as string, botToken: "", channel: initial?.channel ?? "", webhookUrl: "", signingSecret: "" }, async (v) => {
    if (v.mode === "bot") await connect.mutateAsync({ mode: "bot", botToken: v.botToken, channel: v.channel, signingSecret: v.signingSecret, events });
    else await connect.mutateAsync({ mode: "webhook", webhookUrl: v.webhookUrl, signingSecret: v.signingSecret, events });
    toast.success(c.saved);
    await onDone();
  });
  const mode = form.values.mode as SlackMode;
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate data-testid="slack-connect">
      <FormField label={c.mode}>
        <Select {...form.field("mode")}>
          {slackModes.map((m) => <option key={m} value={m}>{c.modes[m]}</option>)}
        </Select>
      </FormField>
      {mode === "bot" ? (
        <>
          <FormField label={c.botToken} error={form.errors.botToken} description={c.botTokenHint} required>
            <Input {...form.field("botToken")} type="password" autoComplete="off" placeholder="xoxb-…" />
          </FormField>
          <FormField label={c.channel} error={form.errors.channel} description={c.channelHint} required>
            <Input {...form.field("channel")} placeholder="#vendas" />
          </FormField>
        </>
      ) : (
        <FormField label={c.webhookUrl} error={form.errors.webhookUrl} description={c.webhookUrlHint} required>
          <Input {...form.field("webhookUrl")} type="url" placeholder="https://hooks.slack.com/services/…" />
        </FormField>
      )}
      <FormField label={c.signingSecret} error={form.errors.signingSecret} description={mode === "bot" ? c.signingSecretHint : c.signingSecretOptional} required={mode === "bot"}>
        <Input {...form.field("signingSecret")} type="password" autoComplete="off" />
      </FormField>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">{c.events}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {slackNotifyEvents.map((e) => (
            <Checkbox key={e} label={c.eventNames[e]} checked={events.includes(e)} onChange={(ev) => setEvents((list) => (ev.target.checked ? [...list, e] : list.filter((x) => x !== e)))} />
          ))}
        </div>
      </fieldset>
      {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
      <FormActions submitLabel={c.connect} pending={form.pending} onCancel={onCancel} />
    </form>
  );
}
