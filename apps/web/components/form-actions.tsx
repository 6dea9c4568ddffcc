"use client";

import { Button } from "@vendaflow/ui/button";
import { common as commonText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText };

/**
 * A form's closing row: Cancel (when the form can be dismissed) and the submit button, right-aligned
 * from sm up. `pendingLabel` replaces the button's text while pending, when the wait needs saying
 * (e.g. "Verificando o número com a Meta…").
 */
export function FormActions({ submitLabel = t.common.save, pendingLabel, pending, onCancel }: { submitLabel?: string; pendingLabel?: string; pending?: boolean; onCancel?: () => void }) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      {onCancel ? <Button type="button" variant="outline" onClick={onCancel}>{t.common.cancel}</Button> : null}
      <Button type="submit" loading={pending} loadingText={pendingLabel}>{submitLabel}</Button>
    </div>
  );
}
