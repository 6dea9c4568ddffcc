"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription, AlertTitle } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Textarea } from "@vendaflow/ui/textarea";
import { useToast } from "@vendaflow/ui/toast";
import { Eye, EyeOff, KeyRound, Pencil } from "lucide-react";
import { useState } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { useForm } from "@/components/use-form";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { ChannelBadge } from "./channel";
import { DetailField } from "./detail-field";
import { CopyBlock } from "./copy-block";
import { ConnectionCheck } from "./connection-check";
import { SnippetField } from "./snippet-field";
import { errorAt, linesToList, sdkExample, whatsappWebhookUrl, type InboxView, type Origins } from "./urls";
import { RowActions } from "@/components/row-actions";
import { WINDOW_TEMPLATE_KEYS } from "@vendaflow/validators/plain/inbox";
import { WA_RECONNECT_REASONS } from "@vendaflow/validators/plain/whatsapp-account";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, inboxes: inboxesText };
// Settings (templates, Flow form, auth template) load when the dialog opens: the page stays in its budget.
const EditInboxDialog = onDemand(() => import("./edit-inbox-dialog").then((m) => m.EditInboxDialog), DialogLoading);
// Meta's restriction of a number is rare: its notice and words load only on a card that has one.
const RestrictionNotice = onDemand(() => import("./restriction-notice").then((m) => m.RestrictionNotice), () => null);

export function InboxCard({ inbox, canManage, origins, onChanged, onReconnect }: { inbox: InboxView; canManage: boolean; origins: Origins; onChanged: () => void; onReconnect?: () => void }) {
  const [editOpen, setEditOpen] = useState(false);
  return (
    <Card data-testid="inbox-card" data-channel={inbox.channel} data-inbox-id={inbox.id} className={inbox.isActive ? undefined : "opacity-80"}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <span className="break-words">{inbox.name}</span>
          <ChannelBadge channel={inbox.channel} />
          {inbox.isActive ? <Badge variant="success">{t.inboxes.active}</Badge> : <Badge variant="secondary">{t.inboxes.inactive}</Badge>}
        </CardTitle>
        <CardDescription>{t.inboxes.channelHints[inbox.channel]}</CardDescription>
        {canManage ? (
          <CardAction>
            <RowActions actions={[{ label: t.inboxes.edit, icon: Pencil, onClick: () => setEditOpen(true) }]} />
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent className="space-y-5">
        {inbox.channel === "web" ? <WebDetails inbox={inbox} canManage={canManage} origins={origins} onChanged={onChanged} /> : null}
        {inbox.channel === "whatsapp" ? <WhatsAppDetails inbox={inbox} canManage={canManage} origins={origins} onReconnect={onReconnect} /> : null}
        {inbox.channel === "api" ? <ApiDetails inbox={inbox} canManage={canManage} origins={origins} /> : null}
      </CardContent>
      {/* Mounted only while open: it starts from the stored values and leaves no hidden fields behind. */}
      {canManage && editOpen ? <EditInboxDialog inbox={inbox} open onOpenChange={setEditOpen} onSaved={onChanged} /> : null}
    </Card>
  );
}

function WebDetails({ inbox, canManage, origins, onChanged }: { inbox: InboxView; canManage: boolean; origins: Origins; onChanged: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const update = useMutation(trpc.inboxes.update.mutationOptions());
  const saved = inbox.settings.allowedOrigins.join("\n");
  const form = useForm({ allowedOrigins: saved }, async (v) => {
    await update.mutateAsync({ inboxId: inbox.id, name: inbox.name, isActive: inbox.isActive, settings: { ...inbox.settings, allowedOrigins: linesToList(v.allowedOrigins) } });
    toast.success(t.common.saved);
    onChanged();
  });
  // After a save the list is refetched; show the normalised value the server stored.
  const [lastSaved, setLastSaved] = useState(saved);
  if (saved !== lastSaved) {
    setLastSaved(saved);
    form.setValues({ allowedOrigins: saved });
  }
  return (
    <>
      <DetailField label={t.inboxes.snippet} hint={t.inboxes.snippetHint}>
        <SnippetField tenantOrigin={origins.tenantOrigin} publicKey={inbox.publicKey} />
      </DetailField>
      {canManage ? (
        <form onSubmit={form.onSubmit} className="space-y-2" noValidate>
          <FormField label={t.inboxes.allowedOrigins} description={t.inboxes.allowedOriginsHint} error={errorAt(form.errors, "settings.allowedOrigins") ?? form.formError ?? undefined}>
            <Textarea {...form.field("allowedOrigins")} rows={3} placeholder="https://www.suaempresa.com.br" spellCheck={false} className="font-mono text-xs" />
          </FormField>
          <Button type="submit" size="sm" variant="outline" loading={form.pending} disabled={form.values.allowedOrigins === saved}>{t.inboxes.saveOrigins}</Button>
        </form>
      ) : (
        <DetailField label={t.inboxes.allowedOrigins}>
          {inbox.settings.allowedOrigins.length ? (
            <ul className="flex flex-wrap gap-1.5">
              {inbox.settings.allowedOrigins.map((o) => <li key={o}><Badge variant="secondary" className="font-mono">{o}</Badge></li>)}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">{t.inboxes.noOrigins}</p>
          )}
        </DetailField>
      )}
      {inbox.settings.schedulingUrl ? (
        <DetailField label={t.inboxes.schedulingUrl}><p className="text-sm break-all text-muted-foreground">{inbox.settings.schedulingUrl}</p></DetailField>
      ) : null}
    </>
  );
}

/** Admin-only reveal of the inbox's stored secret (verify token or API secret). */
function useReveal(inboxId: string) {
  const trpc = useTRPC();
  const toast = useToast();
  const [secrets, setSecrets] = useState<{ verifyToken: string | null; apiSecret: string | null } | null>(null);
  const reveal = useMutation(trpc.inboxes.revealSecrets.mutationOptions({ onSuccess: setSecrets, onError: (e) => toast.error(errorMessage(e)) }));
  return { secrets, hide: () => setSecrets(null), show: () => reveal.mutate({ inboxId }), pending: reveal.isPending };
}

function SecretReveal({ inboxId, kind, label, showLabel, testId }: { inboxId: string; kind: "verifyToken" | "apiSecret"; label: string; showLabel: string; testId: string }) {
  const r = useReveal(inboxId);
  const value = r.secrets?.[kind];
  if (r.secrets) {
    return (
      <DetailField label={label}>
        <div className="space-y-2">
          {value ? <CopyBlock value={value} label={label} testId={testId} /> : <p className="text-sm text-muted-foreground">—</p>}
          <Button type="button" size="sm" variant="ghost" onClick={r.hide}><EyeOff aria-hidden="true" />{t.inboxes.hide}</Button>
        </div>
      </DetailField>
    );
  }
  return (
    <Button type="button" size="sm" variant="outline" onClick={r.show} loading={r.pending}>
      {kind === "apiSecret" ? <KeyRound aria-hidden="true" /> : <Eye aria-hidden="true" />}
      {showLabel}
    </Button>
  );
}

function WhatsAppDetails({ inbox, canManage, origins, onReconnect }: { inbox: InboxView; canManage: boolean; origins: Origins; onReconnect?: () => void }) {
  const own = inbox.webhookKey !== null;
  const templates = WINDOW_TEMPLATE_KEYS.flatMap((k) => {
    const tpl = inbox.settings.templates[k];
    return tpl ? [{ key: k, label: k === "reminder" ? t.inboxes.templateReminder : t.inboxes.templateFollowup, ...tpl }] : [];
  });
  const cut = own ? undefined : inbox.settings.waDisconnected;
  return (
    <>
      {!own && inbox.settings.waRestriction ? <RestrictionNotice restriction={inbox.settings.waRestriction} /> : null}
      {cut ? (
        // Meta said (account_update) the platform can no longer send for this number: nothing is sent until it is reconnected.
        <Alert variant="destructive" data-testid="wa-disconnected" data-reason={cut.reason}>
          <AlertTitle>{t.inboxes.disconnected.title}</AlertTitle>
          <AlertDescription>{t.inboxes.disconnected.reasons[cut.reason]}</AlertDescription>
        </Alert>
      ) : null}
      {(cut ? WA_RECONNECT_REASONS.includes(cut.reason) : inbox.lacksSignupProof) ? (
        // Connected by id before Embedded Signup (no proof the tenant owns the number), or disconnected by Meta: the signup attaches a new proof.
        <Alert variant={cut ? "destructive" : "warning"} data-testid="wa-reconnect">
          {cut ? null : <AlertTitle>{t.inboxes.reconnect.title}</AlertTitle>}
          <AlertDescription>
            {cut ? t.inboxes.reconnect.afterDisconnect : t.inboxes.reconnect.hint}
            {canManage && onReconnect ? (
              <Button type="button" size="sm" variant="outline" className="mt-2" onClick={onReconnect}>{t.inboxes.reconnect.button}</Button>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}
      {inbox.settings.waDisplayPhoneNumber ? (
        <DetailField label={t.inboxes.metaNumber}>
          <p className="text-sm" data-testid="wa-display-number">
            {inbox.settings.waDisplayPhoneNumber}
            {inbox.settings.waVerifiedName ? <span className="text-muted-foreground"> · {inbox.settings.waVerifiedName}</span> : null}
          </p>
        </DetailField>
      ) : null}
      <DetailField label={t.inboxes.phoneNumberId}>
        <code className="rounded-md bg-muted px-2 py-1 font-mono text-sm" data-testid="wa-phone-number-id">{inbox.waPhoneNumberId ?? "—"}</code>
      </DetailField>
      <DetailField label={t.inboxes.webhookUrl} hint={own ? t.inboxes.webhookHintOwn : t.inboxes.webhookHintPlatform}>
        <CopyBlock value={whatsappWebhookUrl(origins.rootOrigin, inbox.webhookKey)} label={t.inboxes.webhookUrl} testId="wa-webhook-url" />
      </DetailField>
      {canManage ? <ConnectionCheck inboxId={inbox.id} /> : null}
      {own && canManage ? <SecretReveal inboxId={inbox.id} kind="verifyToken" label={t.inboxes.verifyToken} showLabel={t.inboxes.showVerifyToken} testId="wa-verify-token" /> : null}
      <DetailField label={t.inboxes.templates} hint={t.inboxes.templatesHint}>
        {templates.length ? (
          <ul className="space-y-1 text-sm">
            {templates.map((tpl) => (
              <li key={tpl.key}><span className="text-muted-foreground">{tpl.label}:</span> <code className="font-mono">{tpl.name}</code> <span className="text-muted-foreground">({tpl.language})</span></li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">{t.inboxes.noTemplates}</p>
        )}
      </DetailField>
    </>
  );
}

function ApiDetails({ inbox, canManage, origins }: { inbox: InboxView; canManage: boolean; origins: Origins }) {
  return (
    <>
      <DetailField label={t.inboxes.publicKey}>
        <CopyBlock value={inbox.publicKey} label={t.inboxes.publicKey} testId="api-public-key" />
      </DetailField>
      {canManage ? <SecretReveal inboxId={inbox.id} kind="apiSecret" label={t.inboxes.apiSecret} showLabel={t.inboxes.showSecret} testId="api-secret" /> : null}
      <DetailField label={t.inboxes.sdkExample}>
        <CopyBlock value={sdkExample(origins.tenantOrigin, inbox.publicKey)} label={t.inboxes.sdkExample} multiline />
      </DetailField>
    </>
  );
}
