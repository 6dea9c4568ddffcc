"use client";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { SearchX, X } from "lucide-react";
import type { ReactNode } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { emptyState } from "@/lib/list-filters";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText };

/**
 * An empty list with filters: "nothing matches" and "Limpar filtros" while a filter is on, otherwise
 * the list's own "nothing yet" with `action` (the first record's create button or link: pass none
 * to those who cannot create, e.g. viewers).
 */
export function ListEmpty({ filtered, onClear, icon, title, hint, action, className }: { filtered: boolean; onClear: () => void; icon?: ReactNode; title: string; hint?: string; action?: ReactNode; className?: string }) {
  const state = emptyState(filtered, Boolean(action));
  if (state.kind === "filtered") {
    const clear = <Button variant="outline" onClick={onClear}><X aria-hidden="true" />{t.common.clearFilters}</Button>;
    return <EmptyState icon={<SearchX />} title={t.common.filteredEmpty} description={t.common.filteredEmptyHint} action={clear} className={className} data-empty="filtered" />;
  }
  return <EmptyState icon={icon} title={title} description={hint} action={state.action ? action : undefined} className={className} data-empty="none" />;
}
