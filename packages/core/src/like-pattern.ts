// LIKE / ILIKE patterns from what a person typed: `\`, `%` and `_` are escaped (Postgres's default
// escape character is `\`), so "crm_sync." matches an underscore, not any character.

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Rows whose column contains `text` anywhere. */
export const containsPattern = (text: string) => `%${escapeLike(text)}%`;

/** Rows whose column starts with `text`. */
export const prefixPattern = (text: string) => `${escapeLike(text)}%`;
