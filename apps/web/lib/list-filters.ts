// Whether a list's filters narrow it, and which empty state an empty list shows: "nothing yet"
// (with the action that creates the first record) or "nothing matches" (with "Limpar filtros").
// Blaming filters on a tenant that has no data yet sent people looking for filters they never set.

type FilterValue = string | number | boolean | null | undefined;

/** Any value that narrows the list: not blank, and not one of `ignore` (a sort order is no filter). */
export function filtersActive(values: Record<string, FilterValue>, ignore: readonly string[] = []): boolean {
  return Object.entries(values).some(([k, v]) => !ignore.includes(k) && v !== undefined && v !== null && v !== false && String(v).trim() !== "");
}

/** The filters after "Limpar filtros": only the `keep` keys (e.g. the sort) survive. */
export function clearedFilters<V extends FilterValue>(values: Record<string, V>, keep: readonly string[] = []): Record<string, V> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => keep.includes(k)));
}

/**
 * A CRM list's view filters (components/crm/list-view.tsx): the sort orders, and the custom field
 * picked without a value (`cf` alone) filters nothing; "Limpar filtros" keeps the sort.
 */
export const crmFiltersActive = (filters: Record<string, string>) => filtersActive(filters, ["sort", "cf"]);
export const crmClearedFilters = (filters: Record<string, string>) => clearedFilters(filters, ["sort"]);

export type EmptyState = { kind: "filtered"; action: "clear" } | { kind: "none"; action: "create" | null };

/** What an empty list says: with a filter on, that nothing matches (and offer to clear); otherwise that there is nothing yet (and, to whoever may, offer to create the first). */
export function emptyState(filtered: boolean, canCreate: boolean): EmptyState {
  return filtered ? { kind: "filtered", action: "clear" } : { kind: "none", action: canCreate ? "create" : null };
}
