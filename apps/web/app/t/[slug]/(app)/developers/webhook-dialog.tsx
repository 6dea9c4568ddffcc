"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { webhookEventTypes } from "@vendaflow/validators/plain/outbound-webhooks";
import type { WebhookEventType } from "@vendaflow/validators/outbound-webhooks";
import { useState } from "react";
import { FormActions } from "@/components/form-actions";
import { developers as developersText } from "@/lib/i18n/pt-br/developers";
import { useTRPC } from "@/lib/trpc/client";
import { useSubmitErrors } from "@/components/use-submit-errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { developers: developersText };

const h = t.developers.hooks;

export interface WebhookDraft {
  id: string | null;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  isActive: boolean;
}

/** Create or edit a subscription; a new one hands its signing secret to `onSaved`. */
export function WebhookDialog({ initial, onOpenChange, onSaved }: { initial: WebhookDraft; onOpenChange: (open: boolean) => void; onSaved: (secret: string | null) => void }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.webhooks.create.mutationOptions());
  const update = useMutation(trpc.webhooks.update.mutationOptions());
  const [draft, setDraft] = useState(initial);
  const { errors, formError, submit } = useSubmitErrors();

  const toggle = (e: WebhookEventType, on: boolean) => setDraft((d) => ({ ...d, eventTypes: on ? [...d.eventTypes, e] : d.eventTypes.filter((x) => x !== e) }));
  const onSubmit = submit(async () => {
    const input = { url: draft.url.trim(), description: draft.description, eventTypes: draft.eventTypes, isActive: draft.isActive };
    if (draft.id) {
      await update.mutateAsync({ id: draft.id, ...input });
      onSaved(null);
    } else {
      onSaved((await create.mutateAsync(input)).secret);
    }
  });

  return (
    <Dialog open onOpenChange={onOpenChange} title={draft.id ? h.form.editTitle : h.form.createTitle} className="max-w-2xl" contentClassName="max-w-2xl">
      <form onSubmit={onSubmit} className="space-y-5" noValidate data-testid="webhook-form">
        <FormField label={h.form.url} error={errors.url} description={h.form.urlHint} required>
          <Input name="url" type="url" inputMode="url" value={draft.url} onChange={(e) => setDraft((d) => ({ ...d, url: e.target.value }))} placeholder={h.form.urlPlaceholder} autoComplete="off" maxLength={2048} />
        </FormField>
        <FormField label={h.form.description} error={errors.description}>
          <Input name="description" value={draft.description} onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))} maxLength={200} />
        </FormField>
        <fieldset className="space-y-2 rounded-lg border p-3">
          <legend className="px-1 text-sm font-medium">{h.form.events}</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {webhookEventTypes.map((ev) => (
              <Checkbox key={ev} label={<>{h.eventTypes[ev]} <code className="text-xs text-muted-foreground">{ev}</code></>} aria-label={h.eventTypes[ev]} checked={draft.eventTypes.includes(ev)} onChange={(e) => toggle(ev, e.target.checked)} />
            ))}
          </div>
          {errors.eventTypes ? <p className="text-sm font-medium text-destructive" role="alert">{errors.eventTypes}</p> : null}
        </fieldset>
        <Checkbox label={h.form.active} checked={draft.isActive} onChange={(e) => setDraft((d) => ({ ...d, isActive: e.target.checked }))} />
        {formError ? <Alert variant="destructive"><AlertDescription>{formError}</AlertDescription></Alert> : null}
        <FormActions onCancel={() => onOpenChange(false)} submitLabel={h.form.submit} pending={create.isPending || update.isPending} />
      </form>
    </Dialog>
  );
}
