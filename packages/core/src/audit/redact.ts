const SECRET_KEY = /pass(word)?|secret|token|hash|api[_-]?key|credential|authorization/i;

/** Deep copy with secret-looking fields replaced, so audit rows never hold credentials. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v)]),
    );
  }
  return value;
}
