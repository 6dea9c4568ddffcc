// Postgres refuses NUL (0x00) in text and jsonb, and lone UTF-16 surrogates in jsonb (JSON.stringify
// writes them as "\ud800" escapes, which jsonb rejects). Everything bound for the database passes
// through sanitizeForPostgres (packages/db installs it as a Kysely plugin on every query), and
// untrusted payloads are cleaned with it before they are parsed, so such input never becomes a 500.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUL = /\0/g;
/** Any character the two replaces could touch: most strings have none, and one test is cheaper than both replaces. */
const SUSPECT = /[\0\uD800-\uDFFF]/;

/** NUL dropped, lone surrogates replaced by U+FFFD; every other character kept. */
export function sanitizeText(s: string): string {
  return SUSPECT.test(s) ? s.replace(NUL, "").replace(LONE_SURROGATE, "\uFFFD") : s;
}

// JSON text bound for a jsonb column (JSON.stringify output) carries NUL and lone surrogates as
// the escapes \u0000 and \ud800, which jsonb refuses too.
const REFUSED_ESCAPE = /\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;
const JSON_START = /^\s*[[{"]/;

/** A string that is JSON text with such an escape is re-serialised from its sanitised value; any other string is sanitizeText'ed. */
function sanitizeString(s: string): string {
  const clean = sanitizeText(s);
  // No backslash-u, no such escape (the test below is a regex per string, for every value of every statement).
  if (!clean.includes("\\u") || !REFUSED_ESCAPE.test(clean) || !JSON_START.test(clean)) return clean;
  try {
    return JSON.stringify(sanitizeForPostgres(JSON.parse(clean) as unknown));
  } catch {
    return clean;
  }
}

const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

type Container = unknown[] | Record<string, unknown>;
const isContainer = (v: unknown): v is Container => Array.isArray(v) || (typeof v === "object" && v !== null && isPlainObject(v));
/**
 * A shallow copy with its keys cleaned (a loop, not fromEntries over entries: every webhook body and
 * statement passes here). A "__proto__" key stays an own property, as fromEntries would keep it.
 */
function copyOf(v: Container): Container {
  if (Array.isArray(v)) return v.slice();
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const key = sanitizeText(k);
    if (key === "__proto__") Object.defineProperty(out, key, { value: v[k], writable: true, enumerable: true, configurable: true });
    else out[key] = v[k];
  }
  return out;
}

/**
 * sanitizeText over every string (keys included) of plain objects and arrays, into a copy; other
 * values as they are. Iterative, so a hostile payload nested thousands deep cannot overflow the stack.
 */
export function sanitizeForPostgres<T>(value: T): T {
  if (typeof value === "string") return sanitizeString(value) as T;
  if (!isContainer(value)) return value;
  const root = copyOf(value);
  const work: Container[] = [root];
  while (work.length) {
    const node = work.pop()! as Record<string, unknown>;
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (typeof v === "string") node[k] = sanitizeString(v);
      else if (isContainer(v)) {
        const c = copyOf(v);
        node[k] = c;
        work.push(c);
      }
    }
  }
  return root as T;
}

/** For zod `.refine`: text that still holds a NUL is refused with the schema's own pt-BR message. */
export const noNul = (s: string): boolean => !s.includes("\u0000");
