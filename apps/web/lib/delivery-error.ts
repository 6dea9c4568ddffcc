const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/**
 * Why a reply failed, in pt-BR. Our own refusals carry a word code and a pt-BR title (core's
 * deliver.ts); WhatsApp's carry its numeric code and an English title (the send's answer or the
 * status webhook), read through `known` (the catalog's codes); "error" is a send that never got an
 * answer (no connection, a timeout). `detail` is what was stored, for a tooltip and support.
 */
export function deliveryErrorText(error: unknown, text: { known: Record<string, string>; unreachable: string; refused: (code: string) => string }): { text: string; detail: string | null } | null {
  const e = obj(error);
  const raw = str(e?.title) ?? str(e?.message) ?? str(e?.code);
  const code = e?.code;
  const numeric = typeof code === "number" ? String(code) : typeof code === "string" && /^\d+$/.test(code) ? code : null;
  if (numeric) return { text: text.known[numeric] ?? text.refused(numeric), detail: raw };
  if (code === "error") return { text: text.unreachable, detail: raw };
  return raw ? { text: raw, detail: null } : null;
}
