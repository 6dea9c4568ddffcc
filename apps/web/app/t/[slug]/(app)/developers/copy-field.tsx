"use client";
import { Button } from "@vendaflow/ui/button";
import { Input } from "@vendaflow/ui/input";
import { useToast } from "@vendaflow/ui/toast";
import { Copy } from "lucide-react";
import { developers as developersText } from "@/lib/i18n/pt-br/developers";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { developers: developersText };

/** A secret in a read-only field (selected on focus) with a copy button. */
export function CopyField({ value, label, testId }: { value: string; label: string; testId: string }) {
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      toast.success(t.developers.copied);
    } catch {
      toast.error(t.developers.copyFailed);
    }
  };
  return (
    <div className="flex gap-2">
      <Input aria-label={label} value={value} readOnly className="font-mono text-xs" data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
      <Button type="button" variant="outline" onClick={copy}><Copy aria-hidden="true" />{t.developers.copy}</Button>
    </div>
  );
}
