/** Accent- and case-insensitive form: NFD, diacritics stripped, lowercase, spaces collapsed. */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * normalize() plus punctuation dropped, for comparing answers with option texts.
 * "<", ">" and "+" survive because they carry meaning in budget labels ("< R$ 1 mil").
 */
export function matchKey(text: string): string {
  return normalize(text)
    .replace(/[^a-z0-9<>+]+/g, " ")
    .trim();
}

/** Whole-word (or whole-phrase) containment on matchKey()'d strings. */
export function containsPhrase(haystack: string, phrase: string): boolean {
  if (!phrase) return false;
  return ` ${haystack} `.includes(` ${phrase} `);
}
