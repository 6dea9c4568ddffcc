/**
 * Any string Postgres's `uuid` type takes in its canonical form: hex and dashes only, any version
 * (z.uuid() also wants an RFC version and variant, which ids from outside need not have). Checked
 * before an id reaches a `uuid` column or is written into a statement's text.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID_PATTERN.test(value);
