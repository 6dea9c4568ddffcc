/**
 * Log fields never carry a lead's personal data: fields named for it are replaced whole, and
 * e-mail addresses and phone numbers inside any other string (an error message quoting a row, a
 * URL) are masked. Message text has no shape to recognise, so it is only ever dropped by name.
 */
const PERSONAL_KEYS = new Set(["email", "phone", "to", "from", "text", "body", "caption", "name", "waid", "wa_id", "contact", "contacts", "address", "content", "payload", "rawbody", "message_text", "messagetext"]);

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// 8 to 15 digits with optional separators, not part of a longer token (uuids, timestamps, hex ids).
const PHONE = /(?<![\w-])\+?\d(?:[\s().-]{0,2}\d){7,14}(?![\w-])/g;

export const redactString = (s: string) => s.replace(EMAIL, "[email]").replace(PHONE, "[phone]");

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 6) return "[depth]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = PERSONAL_KEYS.has(k.toLowerCase()) ? "[redacted]" : redact(v, depth + 1);
  return out;
}
