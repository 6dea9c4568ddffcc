"use client";
import { cn } from "@vendaflow/ui/cn";
import { Input } from "@vendaflow/ui/input";
import { common as commonText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText };

/**
 * A list's date range filter with short visible labels, "De" and "Até": with only an aria-label or
 * a title, a phone showed two bare date boxes. Each box keeps a fuller accessible name (`names`,
 * e.g. "Criado a partir de") that contains its visible label. Stacked on a phone, a row from sm up.
 */
export function DateRangeInputs({ from, to, onFrom, onTo, names, className }: { from: string; to: string; onFrom: (v: string) => void; onTo: (v: string) => void; names: { from: string; to: string }; className?: string }) {
  const box = (label: string, name: string, value: string, onChange: (v: string) => void, bounds: { min?: string; max?: string }) => (
    <label className="flex min-w-0 items-center gap-2 text-sm text-muted-foreground">
      <span className="w-7 shrink-0 sm:w-auto">{label}</span>
      <Input type="date" aria-label={name} value={value} min={bounds.min} max={bounds.max} onChange={(e) => onChange(e.target.value)} className="flex-1 text-foreground sm:w-40 sm:flex-none" />
    </label>
  );
  return (
    <div className={cn("flex flex-col gap-2 sm:flex-row sm:items-center", className)}>
      {box(t.common.dateFrom, names.from, from, onFrom, { max: to || undefined })}
      {box(t.common.dateTo, names.to, to, onTo, { min: from || undefined })}
    </div>
  );
}
