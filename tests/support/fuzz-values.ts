/**
 * Hostile values for the fuzz test, from a seeded generator (a failure names its seed and case, so
 * it replays): long strings, NUL, lone surrogates and other odd unicode, deep nesting, wrong types.
 */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

const ODD = ["\u0000", "\uD800", "\uDFFF", "\u202E", "\u200B", "\uFEFF", "\uFFFF", "😀", "👩‍👩‍👧‍👦", "ç̧̧̧", "\u0007", "\r\n", "'; drop table users; --", "%s%n", "${7*7}", "../../etc/passwd", "<script>alert(1)</script>", "\\u0000"];

export function oddString(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  switch (Math.floor(r() * 6)) {
    case 0:
      return pick(ODD).repeat(1 + Math.floor(r() * 5000));
    case 1:
      return "a".repeat(Math.floor(r() * 70_000));
    case 2:
      return Array.from({ length: 1 + Math.floor(r() * 40) }, () => pick(ODD)).join("");
    case 3:
      return `${pick(ODD)}${"x".repeat(Math.floor(r() * 300))}${pick(ODD)}`;
    case 4:
      return "";
    default:
      return String.fromCharCode(...Array.from({ length: 1 + Math.floor(r() * 64) }, () => Math.floor(r() * 0xffff)));
  }
}

/** An odd string a client can still put in a header (Node refuses control characters and code points past U+00FF there). */
export function oddHeader(r: () => number): string {
  return oddString(r).slice(0, 2000).replace(/[^\t\x20-\x7e\x80-\xff]/g, "?");
}

/** Nesting deeper than JSON.stringify (or a careless parser) can recurse: serialised by toJson. */
export class Deep {
  constructor(
    readonly depth: number,
    readonly kind: "array" | "object",
  ) {}
}
export const deep = (depth: number, kind: "array" | "object") => new Deep(depth, kind);

/** JSON text of a generated value (Deep leaves written out iteratively). */
export function toJson(v: unknown): string {
  if (v instanceof Deep) return v.kind === "array" ? `${"[".repeat(v.depth)}"fundo"${"]".repeat(v.depth)}` : `${'{"a":'.repeat(v.depth)}"fundo"${"}".repeat(v.depth)}`;
  if (Array.isArray(v)) return `[${v.map(toJson).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** Anything where something else was expected. */
export function wrongValue(r: () => number): unknown {
  const options: (() => unknown)[] = [
    () => null,
    () => true,
    () => -1,
    () => 1e308,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => [],
    () => ({}),
    () => [oddString(r)],
    () => ({ "__proto__": { admin: true }, constructor: { prototype: { x: 1 } } }),
    () => deep(1 + Math.floor(r() * 3000), r() < 0.5 ? "array" : "object"),
    () => oddString(r),
    () => "2026-13-45T99:99:99Z",
    () => "00000000-0000-0000-0000-000000000000",
  ];
  return options[Math.floor(r() * options.length)]!();
}

/** A payload shaped like `shape` with some fields replaced by odd strings or wrong values, or something else entirely. */
export function mutate(shape: Record<string, unknown>, r: () => number): unknown {
  const roll = r();
  if (roll < 0.1) return wrongValue(r);
  if (roll < 0.15) return deep(2000 + Math.floor(r() * 3000), "object");
  const out: Record<string, unknown> = { ...shape };
  for (const k of Object.keys(out)) {
    const p = r();
    if (p < 0.35) out[k] = oddString(r);
    else if (p < 0.6) out[k] = wrongValue(r);
  }
  if (r() < 0.2) out[oddString(r).slice(0, 50) || "extra"] = wrongValue(r);
  return out;
}
