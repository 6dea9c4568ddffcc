"use client";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { WINDOW_TEMPLATE_KEYS as KEYS } from "@vendaflow/validators/inbox";
import { t } from "@/lib/i18n";
import type { InboxSettingsView } from "./urls";

type Key = (typeof KEYS)[number];

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

export function TemplateFields({ values, errors, onChange }: { values: TemplateValues; errors: Record<string, string>; onChange: (key: keyof TemplateValues, value: string) => void }) {
  return (
    <fieldset className="space-y-3 rounded-lg border p-3">
      <legend className="px-1 text-sm font-medium">{t.inboxes.templates}</legend>
      <p className="text-xs text-muted-foreground">{t.inboxes.templatesHint}</p>
      {KEYS.map((k) => (
        <div key={k} className="grid gap-3 sm:grid-cols-[1fr_8rem]">
          <FormField label={`${label[k]} · ${t.inboxes.templateName}`} error={errors[`settings.templates.${k}.name`]}>
            <Input name={`${k}Name`} value={values[`${k}Name`]} onChange={(e) => onChange(`${k}Name`, e.target.value)} placeholder={k === "reminder" ? "lembrete" : "follow_up"} autoComplete="off" />
          </FormField>
          <FormField label={t.inboxes.templateLanguage} error={errors[`settings.templates.${k}.language`]}>
            <Input name={`${k}Language`} value={values[`${k}Language`]} onChange={(e) => onChange(`${k}Language`, e.target.value)} autoComplete="off" />
          </FormField>
        </div>
      ))}
    </fieldset>
  );
}
