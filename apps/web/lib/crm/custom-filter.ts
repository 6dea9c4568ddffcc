import type { CustomFieldType } from "@vendaflow/validators/custom-fields";

/**
 * The value a list filter on a custom field sends, typed as the field stores it (the server
 * compares jsonb): numbers as numbers, currency as integer cents from "1.234,56", booleans as
 * booleans, dates as "YYYY-MM-DD", options and text as typed. Empty or unreadable: no filter.
 */
export function customFilterValue(type: CustomFieldType | string, raw: string): string | number | boolean | undefined {
  const v = raw.trim();
  if (!v) return undefined;
  if (type === "boolean") return v === "true" ? true : v === "false" ? false : undefined;
  if (type === "number" || type === "currency") {
    const n = Number(v.replace(/[R$\s]/g, "").replace(/\.(?=\d{3}(\D|$))/g, "").replace(",", "."));
    if (!Number.isFinite(n)) return undefined;
    return type === "currency" ? Math.round(n * 100) : n;
  }
  return v;
}
