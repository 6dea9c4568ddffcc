"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { WINDOW_TEMPLATE_KEYS as KEYS } from "@vendaflow/validators/plain/inbox";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";
import { whatsapp as whatsappText } from "@/lib/i18n/pt-br/whatsapp";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import { previewTemplate } from "@vendaflow/validators/plain/whatsapp-templates";
import type { WhatsAppTemplateView } from "@vendaflow/validators/whatsapp-templates";
import { RefreshCw } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import type { InboxSettingsView } from "./urls";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { inboxes: inboxesText, whatsapp: whatsappText };

type Key = (typeof KEYS)[number];
const w = t.whatsapp.templates;

export interface TemplateValues {
  reminderName: string;
  reminderLanguage: string;
  followupName: string;
  followupLanguage: string;
}

const label: Record<Key, string> = { reminder: t.inboxes.templateReminder, followup: t.inboxes.templateFollowup };

export const templateValues = (templates: InboxSettingsView["templates"]): TemplateValues => ({
  reminderName: templates.reminder?.name ?? "",
  reminderLanguage: templates.reminder?.language ?? "pt_BR",
  followupName: templates.followup?.name ?? "",
  followupLanguage: templates.followup?.language ?? "pt_BR",
});

/**
 * Form values → settings.templates. Other templates (welcome, confirmation) and each template's
 * body params are kept from `existing`; a blank name removes that template.
 */
export function templatesFrom(v: TemplateValues, existing: InboxSettingsView["templates"]): InboxSettingsView["templates"] {
  const out: InboxSettingsView["templates"] = { ...existing };
  for (const k of KEYS) {
    const name = v[`${k}Name`].trim();
    if (!name) {
      delete out[k];
      continue;
    }
    out[k] = { name, language: v[`${k}Language`].trim() || "pt_BR", params: existing[k]?.params ?? [] };
  }
  return out;
}

/** The body with its {{n}} filled by the configured params, {name}/{text}/{link} shown with sample values. */
function Preview({ template, params }: { template: WhatsAppTemplateView | undefined; params: string[] }) {
  if (!template) return null;
  const sample = params.map((p) => p.replace(/\{(\w+)\}/g, (whole, k: string) => w.sample[k] ?? whole));
  return (
    <div className="rounded-md bg-muted px-3 py-2 text-sm" data-testid="template-preview">
      <p className="mb-1 text-xs text-muted-foreground">
        {w.preview} · {w.category[template.category ?? ""] ?? template.category ?? "—"} · {w.status[template.status] ?? template.status}
      </p>
      <p className="whitespace-pre-wrap">{template.bodyText ? previewTemplate(template.bodyText, sample) : w.previewNone}</p>
      {template.category === "marketing" ? <p className="mt-1 text-xs text-muted-foreground">{w.marketingNeedsConsent}</p> : null}
    </div>
  );
}

export function TemplateFields({
  values,
  errors,
  onChange,
  inboxId,
  existing,
}: {
  values: TemplateValues;
  errors: Record<string, string>;
  onChange: (key: keyof TemplateValues, value: string) => void;
  /** Set when editing: templates are then chosen from the synced list. */
  inboxId?: string;
  existing?: InboxSettingsView["templates"];
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const synced = useQuery({ ...trpc.whatsapp.templates.queryOptions({ inboxId: inboxId ?? "" }), enabled: Boolean(inboxId) });
  const sync = useMutation(
    trpc.whatsapp.syncTemplates.mutationOptions({
      onSuccess: async (list) => {
        toast.success(w.synced(list.length));
        await qc.invalidateQueries({ queryKey: trpc.whatsapp.templates.queryKey({ inboxId: inboxId ?? "" }) });
      },
      onError: (err) => toast.error(errorMessage(err)),
    }),
  );
  const list = synced.data ?? [];
  return (
    <fieldset className="space-y-3 rounded-lg border p-3">
      <legend className="px-1 text-sm font-medium">{t.inboxes.templates}</legend>
      <p className="text-xs text-muted-foreground">{t.inboxes.templatesHint}</p>
      {inboxId ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="button" size="sm" variant="outline" loading={sync.isPending} onClick={() => sync.mutate({ inboxId })} data-testid="templates-sync">
            <RefreshCw aria-hidden="true" />
            {w.sync}
          </Button>
          {!synced.isLoading && list.length === 0 ? <span className="text-xs text-muted-foreground">{w.none}</span> : null}
        </div>
      ) : null}
      {KEYS.map((k) => {
        const chosen = list.find((tpl) => tpl.name === values[`${k}Name`] && tpl.language === values[`${k}Language`]);
        return (
          <div key={k} className="space-y-2">
            {list.length ? (
              <FormField label={label[k]} error={errors[`settings.templates.${k}.name`]}>
                <Select
                  aria-label={label[k]}
                  value={values[`${k}Name`] ? `${values[`${k}Name`]}|${values[`${k}Language`]}` : ""}
                  placeholder={w.choose}
                  data-testid={`template-select-${k}`}
                  onChange={(e) => {
                    const [name = "", language = "pt_BR"] = e.target.value.split("|");
                    onChange(`${k}Name`, name);
                    onChange(`${k}Language`, language);
                  }}
                >
                  {list.map((tpl) => (
                    <SelectOption key={tpl.id} value={`${tpl.name}|${tpl.language}`} disabled={tpl.status !== "approved"}>
                      {`${tpl.name} (${tpl.language}) · ${w.category[tpl.category ?? ""] ?? tpl.category ?? "—"} · ${w.status[tpl.status] ?? tpl.status}`}
                    </SelectOption>
                  ))}
                </Select>
              </FormField>
            ) : (
              <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
                <FormField label={`${label[k]} · ${t.inboxes.templateName}`} error={errors[`settings.templates.${k}.name`]}>
                  <Input name={`${k}Name`} value={values[`${k}Name`]} onChange={(e) => onChange(`${k}Name`, e.target.value)} placeholder={k === "reminder" ? "lembrete" : "follow_up"} autoComplete="off" />
                </FormField>
                <FormField label={t.inboxes.templateLanguage} error={errors[`settings.templates.${k}.language`]}>
                  <Input name={`${k}Language`} value={values[`${k}Language`]} onChange={(e) => onChange(`${k}Language`, e.target.value)} autoComplete="off" />
                </FormField>
              </div>
            )}
            <Preview template={chosen} params={existing?.[k]?.params ?? []} />
          </div>
        );
      })}
    </fieldset>
  );
}
