"use client";
import { Button } from "@vendaflow/ui/button";
import { cn } from "@vendaflow/ui/cn";
import { useToast } from "@vendaflow/ui/toast";
import { Copy } from "lucide-react";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { inboxes: inboxesText };

/** Copies text to the clipboard with a toast; falls back to an error toast (the text stays selectable). */
export function useCopy() {
  const toast = useToast();
  return async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      toast.success(t.inboxes.copied);
    } catch {
      toast.error(t.inboxes.copyFailed);
    }
  };
}

/** A monospace value (snippet, URL, key, secret) with a "Copiar" button. */
export function CopyBlock({ value, label, multiline = false, wrap = false, testId, className }: { value: string; label: string; multiline?: boolean; wrap?: boolean; testId?: string; className?: string }) {
  const copy = useCopy();
  return (
    <div className={cn("flex flex-col gap-2 sm:flex-row sm:items-start", className)}>
      {multiline ? (
        <pre data-testid={testId} aria-label={label} className={cn("min-w-0 flex-1 overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs leading-relaxed", wrap ? "break-all whitespace-pre-wrap" : "whitespace-pre")}>{value}</pre>
      ) : (
        <code data-testid={testId} aria-label={label} className="min-w-0 flex-1 rounded-md bg-muted px-3 py-2 font-mono text-xs break-all">{value}</code>
      )}
      <Button type="button" size="sm" variant="outline" className="self-end sm:self-start" onClick={() => copy(value)} aria-label={`${t.inboxes.copy}: ${label}`}>
        <Copy aria-hidden="true" />
        {t.inboxes.copy}
      </Button>
    </div>
  );
}
