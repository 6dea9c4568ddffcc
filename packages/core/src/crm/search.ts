import { sql, type RawBuilder } from "kysely";

/** Lower-case words without accents, as the generated `search` columns hold them. */
export function searchWords(q: string): string[] {
  return q
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10);
}

/**
 * The digits of a query that reads as a phone number ("(11) 98888-7777", "+55 11 98888 7777",
 * "011 98888-7777": 8 or more digits and no letters), without the trunk 0s; null otherwise.
 */
export function phoneDigits(q: string): string | null {
  if (/\p{L}/u.test(q)) return null;
  const digits = q.replace(/\D/g, "").replace(/^0+/, "");
  return digits.length >= 8 ? digits : null;
}

/**
 * Full-text match on a `search` column (app_search_doc: Portuguese stems + plain words): either
 * the Portuguese reading of the query, or every word as a prefix ("joa silv" finds "João Silva").
 * Accents and case are ignored on both sides. With `phoneColumn`, a query that reads as a phone
 * number also finds the stored number (+5511988887777) however it was typed: the search document
 * holds the number as one word, which "(11) 98888-7777" is no prefix of. Null when the query has no words.
 */
export function searchMatch(column: string, q: string | undefined, phoneColumn?: string): RawBuilder<boolean> | null {
  const query = searchQuery(q);
  if (!query) return null;
  const text = sql<boolean>`${sql.ref(column)} @@ ${query}`;
  const digits = phoneColumn ? phoneDigits(q ?? "") : null;
  return digits && phoneColumn ? sql<boolean>`(${text} or ${sql.ref(phoneColumn)} like ${`%${digits}%`})` : text;
}

/** The tsquery `searchMatch` matches with; null when the query has no words. */
export function searchQuery(q: string | undefined): RawBuilder<unknown> | null {
  const words = searchWords(q ?? "");
  if (!words.length) return null;
  const prefix = words.map((w) => `${w}:*`).join(" & ");
  return sql`(websearch_to_tsquery('portuguese', app_unaccent(${q})) || to_tsquery('simple', ${prefix}))`;
}
