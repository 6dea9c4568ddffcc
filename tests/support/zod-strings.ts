import { readdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export interface StringField {
  /** "<module>.<export>.<path>" where the string is first defined, e.g. "widget.widgetSendInput.text"; [] marks array items, {} record values. */
  key: string;
  /** Longest accepted value; Infinity when the schema sets no maximum. */
  max: number;
}

type Check = { _zod: { def: { check: string; maximum?: number; length?: number } } };
type Def = { type: string; format?: string; checks?: Check[]; [k: string]: unknown };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** A string's longest accepted length: its max/length checks; a uuid is 36 characters. */
function stringMax(def: Def): number {
  let max = def.format === "uuid" || def.format === "guid" ? 36 : Infinity;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === "max_length" && d.maximum !== undefined) max = Math.min(max, d.maximum);
    if (d.check === "length_equals" && d.length !== undefined) max = Math.min(max, d.length);
  }
  return max;
}

type Leaf = { key: string; max: number; inInput: boolean };

/**
 * Every string leaf reachable from a schema. A leaf schema object is reported once, under the path
 * where it is first met (exports are visited in source order, so shared pieces are named where
 * they are declared); a string piped into more checks (email, transforms) counts as one leaf.
 */
function walk(schema: z.ZodType, at: string, leaves: Map<z.ZodType, Leaf>, inInput: boolean, stack: Set<z.ZodType>) {
  if (stack.has(schema)) return;
  stack.add(schema);
  const def = defOf(schema);
  const leaf = (max: number) => {
    const seen = leaves.get(schema);
    if (seen) seen.inInput ||= inInput;
    else leaves.set(schema, { key: at, max, inInput });
  };
  const next = (s: unknown, p: string) => walk(s as z.ZodType, p, leaves, inInput, stack);
  switch (def.type) {
    case "string":
      leaf(stringMax(def));
      break;
    case "pipe": {
      const a = defOf(def.in as z.ZodType);
      const b = defOf(def.out as z.ZodType);
      if (a.type === "string") leaf(Math.min(stringMax(a), b.type === "string" ? stringMax(b) : Infinity));
      else next(def.in, at);
      break;
    }
    case "object":
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) next(v, `${at}.${k}`);
      if (def.catchall) next(def.catchall, `${at}.*`);
      break;
    case "array":
      next(def.element, `${at}[]`);
      break;
    case "record":
      next(def.valueType, `${at}{}`);
      break;
    case "union":
      for (const o of def.options as z.ZodType[]) next(o, at);
      break;
    case "intersection":
      next(def.left, at);
      next(def.right, at);
      break;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      next(def.innerType, at);
      break;
    case "lazy":
      next((def.getter as () => z.ZodType)(), at);
      break;
    case "tuple":
      (def.items as z.ZodType[]).forEach((it, i) => next(it, `${at}[${i}]`));
      break;
    default:
      break; // numbers, booleans, enums, literals: no free text
  }
  stack.delete(schema);
}

/**
 * The string fields of packages/validators: every one with a maximum, and every one (with or
 * without a maximum) reachable from a procedure or route input (exports named `…Input`).
 */
export async function validatorStrings(dir: string): Promise<StringField[]> {
  const leaves = new Map<z.ZodType, Leaf>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).sort()) {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    const name = file.replace(/\.ts$/, "");
    for (const [exp, value] of Object.entries(mod)) {
      if (value instanceof z.ZodType) walk(value, `${name}.${exp}`, leaves, exp.endsWith("Input"), new Set());
    }
  }
  const out = new Map<string, number>();
  for (const l of leaves.values()) if (Number.isFinite(l.max) || l.inInput) out.set(l.key, Math.max(out.get(l.key) ?? 0, l.max));
  return [...out].map(([key, max]) => ({ key, max })).sort((a, b) => a.key.localeCompare(b.key));
}
