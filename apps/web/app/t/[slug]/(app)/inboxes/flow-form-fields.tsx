"use client";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { useToast } from "@vendaflow/ui/toast";
import { Download } from "lucide-react";
import { useState } from "react";
import { whatsappFlows as flowsText } from "@/lib/i18n/pt-br/whatsapp-flows";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { errorAt, type InboxSettingsView } from "./urls";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { whatsappFlows: flowsText };
const f = t.whatsappFlows;

export interface FlowFormValues {
  flowFormEnabled: string;
  flowFormId: string;
  flowFormCta: string;
}

export const flowFormValues = (s: InboxSettingsView): FlowFormValues => ({
  flowFormEnabled: s.flowForm?.enabled ? "1" : "",
  flowFormId: s.flowForm?.flowId ?? "",
  flowFormCta: s.flowForm?.cta ?? "",
});

/** The settings' flowForm: kept when enabled or an id is set (so turning it off keeps the id). */
export function flowFormFrom(v: FlowFormValues): InboxSettingsView["flowForm"] {
  const flowId = v.flowFormId.trim();
  if (!v.flowFormEnabled && !flowId) return undefined;
  return { enabled: v.flowFormEnabled === "1", flowId, cta: v.flowFormCta.trim() };
}

/** Inbox settings: offer the qualification as a WhatsApp Flow form, and download the Flow JSON to upload to Meta. */
export function FlowFormFields({ inboxId, values, errors, onChange }: { inboxId: string; values: FlowFormValues; errors: Record<string, string>; onChange: (key: keyof FlowFormValues, value: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.whatsapp.flowFormJson.queryOptions({ inboxId }), staleTime: 0 });
      const url = URL.createObjectURL(new Blob([JSON.stringify(file.json, null, 2)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = file.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      toast.success(f.downloaded(file.questions, file.flowName, file.flowVersion));
    } catch (err) {
      toast.error(`${f.downloadFailed} ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="space-y-3 rounded-md border p-3" data-testid="flow-form-settings">
      <legend className="px-1 text-sm font-medium">{f.title}</legend>
      <p className="text-xs text-muted-foreground">{f.hint}</p>
      <Checkbox label={f.enable} checked={values.flowFormEnabled === "1"} onChange={(e) => onChange("flowFormEnabled", e.target.checked ? "1" : "")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label={f.flowId} error={errorAt(errors, "settings.flowForm.flowId")} description={f.flowIdHint}>
          <Input value={values.flowFormId} onChange={(e) => onChange("flowFormId", e.target.value)} inputMode="numeric" autoComplete="off" name="flowFormId" />
        </FormField>
        <FormField label={f.cta} error={errorAt(errors, "settings.flowForm.cta")} description={f.ctaHint}>
          <Input value={values.flowFormCta} onChange={(e) => onChange("flowFormCta", e.target.value)} maxLength={20} placeholder="Responder" autoComplete="off" name="flowFormCta" />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" size="sm" onClick={download} disabled={busy} data-testid="flow-form-download">
          <Download aria-hidden="true" />
          {busy ? f.downloading : f.download}
        </Button>
        <span className="text-xs text-muted-foreground">{f.republish}</span>
      </div>
    </fieldset>
  );
}
