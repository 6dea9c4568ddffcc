"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription, AlertTitle } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { cn } from "@vendaflow/ui/cn";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Textarea } from "@vendaflow/ui/textarea";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useForm } from "@/components/use-form";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";
import { useTRPC } from "@/lib/trpc/client";
import { ChannelIcon } from "./channel";
import { DetailField } from "./detail-field";
import { CopyBlock } from "./copy-block";
import { TemplateFields, templatesFrom, type TemplateValues } from "./template-fields";
import { errorAt, linesToList, whatsappWebhookUrl, widgetSnippet, type Channel, type InboxView, type Origins } from "./urls";
import { FormActions } from "@/components/form-actions";
import { embeddedSignup, useFacebookSdk } from "./embedded-signup";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { inboxes: inboxesText, common: commonText };

const CHANNELS: Channel[] = ["web", "whatsapp", "api"];

const initial = {
  channel: "web",
  name: "",
  allowedOrigins: "",
  schedulingUrl: "",
  phoneNumberId: "",
  waBusinessAccountId: "",
  ownApp: "",
  accessToken: "",
  appSecret: "",
  reminderName: "",
  reminderLanguage: "pt_BR",
  followupName: "",
  followupLanguage: "pt_BR",
  pin: "",
} satisfies Record<string, string> & TemplateValues;

type Created = { inbox: InboxView; secrets: { verifyToken: string | null; apiSecret: string | null } };

/**
 * `reconnect`: opened from an inbox card's "Reconectar com a Meta" — WhatsApp on the platform app,
 * that inbox's name; the signup for a number this tenant has attaches the proof to its inbox.
 */
export function CreateInboxDialog({ open, onOpenChange, onCreated, origins, reconnect }: { open: boolean; onOpenChange: (open: boolean) => void; onCreated: () => void; origins: Origins; reconnect?: { name: string } }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.inboxes.create.mutationOptions());
  const completeSignup = useMutation(trpc.whatsapp.completeSignup.mutationOptions());
  const [created, setCreated] = useState<Created | null>(null);
  // Numbers on the platform app come through Meta's Embedded Signup popup; own-app numbers keep the form.
  const signupConfig = useQuery({ ...trpc.whatsapp.signupConfig.queryOptions(), enabled: open });
  /** Where the popup stands: its answer when it gave no number (cancel, Meta's error), or the wait. */
  const [signupStatus, setSignupStatus] = useState<{ kind: "waiting" | "saving" | "cancelled" | "failed"; message?: string } | null>(null);
  const form = useForm(reconnect ? { ...initial, channel: "whatsapp" as const, name: reconnect.name } : initial, async (v) => {
    const name = v.name.trim();
    const schedulingUrl = v.schedulingUrl.trim();
    const empty = { allowedOrigins: [], schedulingUrl: "", templates: {} };
    if (v.channel === "whatsapp" && !v.ownApp) {
      const config = signupConfig.data;
      if (!config) return;
      // FB.login runs here, inside the click's submit, so the browser lets the popup open.
      setSignupStatus({ kind: "waiting" });
      const outcome = await embeddedSignup(config);
      if (!outcome.ok) {
        setSignupStatus(
          outcome.reason === "cancel"
            ? { kind: "cancelled", message: t.inboxes.signup.cancelled }
            : { kind: "failed", message: outcome.reason === "error" ? t.inboxes.signup.failed(outcome.message) : t.inboxes.signup.noNumber },
        );
        return;
      }
      setSignupStatus({ kind: "saving" });
      try {
        const result = await completeSignup.mutateAsync({
          name,
          code: outcome.code,
          phoneNumberId: outcome.phoneNumberId,
          wabaId: outcome.wabaId,
          pin: v.pin.trim() || undefined,
          settings: { allowedOrigins: [], schedulingUrl, templates: templatesFrom(v, {}) },
        });
        setCreated(result);
        onCreated();
      } finally {
        setSignupStatus(null);
      }
      return;
    }
    const result =
      v.channel === "whatsapp"
        ? await create.mutateAsync({
            channel: "whatsapp",
            name,
            phoneNumberId: v.phoneNumberId.trim(),
            ownApp: v.ownApp ? { accessToken: v.accessToken.trim(), appSecret: v.appSecret.trim() } : undefined,
            settings: { allowedOrigins: [], schedulingUrl, templates: templatesFrom(v, {}), waBusinessAccountId: v.waBusinessAccountId.trim() || undefined },
          })
        : v.channel === "api"
          ? await create.mutateAsync({ channel: "api", name, settings: empty })
          : await create.mutateAsync({ channel: "web", name, settings: { allowedOrigins: linesToList(v.allowedOrigins), schedulingUrl, templates: {} } });
    setCreated(result);
    onCreated();
  });

  // The parent unmounts the dialog on close, so the secrets leave the screen (and memory) with it.
  const close = (next: boolean) => onOpenChange(next);

  const errs = form.errors;
  const channel = form.values.channel as Channel;
  const signupMode = channel === "whatsapp" && !form.values.ownApp;
  // Facebook's SDK is loaded only once the admin is on this path (WhatsApp, platform app).
  const sdk = useFacebookSdk(signupMode ? signupConfig.data : null);
  const signupUnavailable = signupMode && signupConfig.data === null;
  return (
    <Dialog open={open} onOpenChange={close} title={created ? t.inboxes.secretsTitle : t.inboxes.createTitle} contentClassName="max-w-xl" className="max-w-xl" closeOnBackdropClick={!created}>
      {created ? (
        <SecretsPanel created={created} origins={origins} onDone={() => close(false)} />
      ) : (
        <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
          <fieldset className="space-y-2">
            <legend className="mb-2 text-sm font-medium">{t.inboxes.channel}</legend>
            <div role="radiogroup" aria-label={t.inboxes.channel} className="grid gap-2 sm:grid-cols-3">
              {CHANNELS.map((c) => (
                <label
                  key={c}
                  className={cn(
                    "flex cursor-pointer flex-col gap-1 rounded-lg border p-3 text-sm transition-colors has-focus-visible:ring-[3px] has-focus-visible:ring-ring/50",
                    channel === c ? "border-primary bg-primary/5" : "hover:bg-accent",
                  )}
                >
                  <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => form.setValues((v) => ({ ...v, channel: c }))} className="sr-only" />
                  <span className="flex items-center gap-2 font-medium"><ChannelIcon channel={c} />{t.inboxes.channels[c]}</span>
                  <span className="text-xs text-muted-foreground">{t.inboxes.channelHints[c]}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <FormField label={t.inboxes.name} error={errs.name} required>
            <Input {...form.field("name")} placeholder={t.inboxes.namePlaceholder} autoComplete="off" />
          </FormField>

          {channel === "web" ? (
            <FormField label={t.inboxes.allowedOrigins} error={errorAt(errs, "settings.allowedOrigins")} description={t.inboxes.allowedOriginsHint}>
              <Textarea {...form.field("allowedOrigins")} rows={3} placeholder="https://www.suaempresa.com.br" spellCheck={false} />
            </FormField>
          ) : null}

          {channel === "whatsapp" ? (
            <>
              <div className="space-y-3 rounded-lg border p-3">
                <Checkbox label={t.inboxes.ownApp} checked={form.values.ownApp === "1"} onChange={(e) => form.setValues((v) => ({ ...v, ownApp: e.target.checked ? "1" : "" }))} />
                <p className="text-xs text-muted-foreground">{t.inboxes.ownAppHint}</p>
                {form.values.ownApp ? (
                  <div className="grid gap-3 sm:grid-cols-2">
                    <FormField label={t.inboxes.accessToken} error={errs["ownApp.accessToken"]} required>
                      <Input {...form.field("accessToken")} type="password" autoComplete="off" />
                    </FormField>
                    <FormField label={t.inboxes.appSecret} error={errs["ownApp.appSecret"]} required>
                      <Input {...form.field("appSecret")} type="password" autoComplete="off" />
                    </FormField>
                  </div>
                ) : null}
              </div>
              {form.values.ownApp ? (
                <>
                  <FormField label={t.inboxes.phoneNumberId} error={errs.phoneNumberId} description={t.inboxes.phoneNumberIdHint} required>
                    <Input {...form.field("phoneNumberId")} inputMode="numeric" autoComplete="off" placeholder="109876543210001" />
                  </FormField>
                  <FormField label={t.inboxes.waba} error={errorAt(errs, "settings.waBusinessAccountId")} description={t.inboxes.wabaHint}>
                    <Input {...form.field("waBusinessAccountId")} inputMode="numeric" autoComplete="off" />
                  </FormField>
                </>
              ) : (
                <MetaSignupPanel
                  unavailable={signupUnavailable}
                  sdk={sdk}
                  status={signupStatus}
                  error={errs.signup ?? errs.phoneNumberId ?? errs.wabaId ?? errs.code}
                  pinField={
                    <FormField label={t.inboxes.signup.pin} error={errs.pin} description={t.inboxes.signup.pinHint}>
                      <Input {...form.field("pin")} inputMode="numeric" autoComplete="off" maxLength={6} className="max-w-40" />
                    </FormField>
                  }
                />
              )}
              <TemplateFields values={form.values} errors={errs} onChange={(k, value) => form.setValues((v) => ({ ...v, [k]: value }))} />
            </>
          ) : null}

          {channel !== "api" ? (
            <FormField label={t.inboxes.schedulingUrl} error={errs["settings.schedulingUrl"]} description={t.inboxes.schedulingUrlHint}>
              <Input {...form.field("schedulingUrl")} type="url" placeholder="https://calendly.com/suaempresa/30min" />
            </FormField>
          ) : null}

          {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
          {/* A WhatsApp number is checked with Meta before it is saved: the wait says so. Without Embedded Signup configured, the hint above replaces the button. */}
          {signupUnavailable ? (
            <div className="flex justify-end">
              <Button type="button" variant="outline" onClick={() => close(false)}>{t.common.cancel}</Button>
            </div>
          ) : (
            <FormActions
              onCancel={() => close(false)}
              submitLabel={signupMode ? t.inboxes.signup.connect : t.inboxes.createSubmit}
              pendingLabel={signupMode ? (sdk === "idle" || sdk === "loading" ? t.inboxes.signup.loadingSdk : signupStatus?.kind === "saving" ? t.inboxes.signup.saving : t.inboxes.signup.waiting) : channel === "whatsapp" ? t.inboxes.verifyingWithMeta : undefined}
              pending={form.pending || (signupMode && (sdk === "idle" || sdk === "loading"))}
            />
          )}
        </form>
      )}
    </Dialog>
  );
}

/** Embedded Signup's part of the dialog: what happens next, the popup's state, its errors, and the optional pin. */
function MetaSignupPanel({ unavailable, sdk, status, error, pinField }: { unavailable: boolean; sdk: ReturnType<typeof useFacebookSdk>; status: { kind: string; message?: string } | null; error?: string; pinField: ReactNode }) {
  if (unavailable) {
    return (
      <Alert data-testid="meta-signup-unavailable">
        <AlertDescription>{t.inboxes.signup.notConfigured}</AlertDescription>
      </Alert>
    );
  }
  const stopped = status && (status.kind === "cancelled" || status.kind === "failed") ? status.message : null;
  return (
    <div className="space-y-3 rounded-lg border p-3" data-testid="meta-signup">
      <p className="text-sm font-medium">{t.inboxes.signup.title}</p>
      <p className="text-xs text-muted-foreground">{t.inboxes.signup.hint}</p>
      {sdk === "loading" || sdk === "idle" ? <p className="text-xs text-muted-foreground" role="status">{t.inboxes.signup.loadingSdk}</p> : null}
      {sdk === "failed" ? <Alert variant="destructive"><AlertDescription>{t.inboxes.signup.sdkFailed}</AlertDescription></Alert> : null}
      {stopped ? <Alert variant={status?.kind === "failed" ? "destructive" : "default"} data-testid="meta-signup-stopped"><AlertDescription>{stopped}</AlertDescription></Alert> : null}
      {error ? <Alert variant="destructive" data-testid="meta-signup-error"><AlertDescription>{error}</AlertDescription></Alert> : null}
      {pinField}
    </div>
  );
}

/** Shown once, right after creation: what to paste where, including secrets. */
function SecretsPanel({ created, origins, onDone }: { created: Created; origins: Origins; onDone: () => void }) {
  const { inbox, secrets } = created;
  const hasSecret = Boolean(secrets.apiSecret || secrets.verifyToken);
  // The form (and its focused submit button) is gone: focus stays in the dialog, on the first thing
  // to do here (copy the snippet, URL or key), instead of falling back to <body>.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.querySelector("button")?.focus(), []);
  return (
    <div ref={panel} className="space-y-4" data-testid="inbox-secrets">
      {hasSecret ? (
        <Alert variant="destructive">
          <AlertTitle>{t.inboxes.created}</AlertTitle>
          <AlertDescription>{t.inboxes.secretsWarning}</AlertDescription>
        </Alert>
      ) : inbox.channel === "web" ? (
        // The title already says it was created: say what to do next, and that a site not listed is refused.
        <Alert variant={inbox.settings.allowedOrigins.length ? "success" : "warning"} data-testid="inbox-created-next">
          <AlertDescription>{inbox.settings.allowedOrigins.length ? t.inboxes.createdWebNext : `${t.inboxes.createdWebNext} ${t.inboxes.createdWebNoOrigins}`}</AlertDescription>
        </Alert>
      ) : (
        <Alert variant="success"><AlertDescription>{t.inboxes.created}</AlertDescription></Alert>
      )}
      {inbox.channel === "web" ? (
        <DetailField label={t.inboxes.snippet} hint={t.inboxes.snippetHint}>
          <CopyBlock value={widgetSnippet(origins.tenantOrigin, inbox.publicKey)} label={t.inboxes.snippet} multiline wrap />
        </DetailField>
      ) : null}
      {inbox.channel === "whatsapp" ? (
        <>
          <DetailField label={t.inboxes.webhookUrl} hint={inbox.webhookKey ? t.inboxes.webhookHintOwn : t.inboxes.webhookHintPlatform}>
            <CopyBlock value={whatsappWebhookUrl(origins.rootOrigin, inbox.webhookKey)} label={t.inboxes.webhookUrl} />
          </DetailField>
          {secrets.verifyToken ? (
            <DetailField label={t.inboxes.verifyToken}>
              <CopyBlock value={secrets.verifyToken} label={t.inboxes.verifyToken} testId="created-verify-token" />
            </DetailField>
          ) : null}
        </>
      ) : null}
      {inbox.channel === "api" ? (
        <>
          <DetailField label={t.inboxes.publicKey}>
            <CopyBlock value={inbox.publicKey} label={t.inboxes.publicKey} />
          </DetailField>
          {secrets.apiSecret ? (
            <DetailField label={t.inboxes.apiSecret}>
              <CopyBlock value={secrets.apiSecret} label={t.inboxes.apiSecret} testId="created-api-secret" />
            </DetailField>
          ) : null}
        </>
      ) : null}
      <div className="flex justify-end">
        <Button type="button" onClick={onDone}>{t.inboxes.done}</Button>
      </div>
    </div>
  );
}
