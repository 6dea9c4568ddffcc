/**
 * Pure helpers of anonymisation: the identifiers of a subject become search terms, and any text
 * or JSON value has every occurrence replaced (case-insensitive) by a fixed mark.
 */

export const MARK = "[anonimizado]";

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Distinct terms of at least 4 characters, longest first (so a name never leaves its surname). */
export function termsOf(values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const t = v?.trim();
    if (t && t.length >= 4) out.add(t);
    // A phone is also searched by its digits alone (+55 (11) 9… and 5511 9… are the same number).
    const digits = t?.replace(/\D/g, "");
    if (digits && digits.length >= 8 && digits !== t) out.add(digits);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** Regex sources as they appear inside JSON text (escaped like JSON strings), for the SQL scrub. */
export function jsonPatterns(terms: string[]): string[] {
  return terms.map((t) => escapeRe(JSON.stringify(t).slice(1, -1)));
}

export function scrubText(text: string, terms: string[]): string {
  let out = text;
  for (const t of terms) out = out.replace(new RegExp(escapeRe(t), "gi"), MARK);
  return out;
}

/** Replaces the terms in every string of a JSON-like value (keys too). */
export function scrubValue<T>(value: T, terms: string[]): T {
  if (typeof value === "string") return scrubText(value, terms) as T;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, terms)) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrubText(k, terms), scrubValue(v, terms)])) as T;
  }
  return value;
}
