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
 * Full-text match on a `search` column (app_search_doc: Portuguese stems + plain words): either
 * the Portuguese reading of the query, or every word as a prefix ("joa silv" finds "João Silva").
 * Accents and case are ignored on both sides. Null when the query has no words.
 */
export function searchMatch(column: string, q: string | undefined): RawBuilder<boolean> | null {
  const words = searchWords(q ?? "");
  if (!words.length) return null;
  const prefix = words.map((w) => `${w}:*`).join(" & ");
  return sql<boolean>`${sql.ref(column)} @@ (websearch_to_tsquery('portuguese', app_unaccent(${q})) || to_tsquery('simple', ${prefix}))`;
}
