import type { AutomationCondition } from "@vendaflow/validators/automations";

/** The entity's fields as conditions see them: "score", "tags", "custom.<id>", event fields… */
export type Facts = Record<string, unknown>;

const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
const norm = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : v);

function holds(c: AutomationCondition, v: unknown): boolean {
  const empty = v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  switch (c.op) {
    case "is_set":
      return !empty;
    case "not_set":
      return empty;
    case "contains":
      if (Array.isArray(v)) return v.some((x) => norm(x) === norm(c.value));
      return typeof v === "string" && typeof c.value === "string" && v.toLowerCase().includes(c.value.toLowerCase());
    case "eq":
    case "neq": {
      const same = Array.isArray(v) ? v.some((x) => norm(x) === norm(c.value)) : num(v) !== null && num(c.value) !== null ? num(v) === num(c.value) : norm(v) === norm(c.value);
      return c.op === "eq" ? same : !same;
    }
    default: {
      const a = num(v);
      const b = num(c.value);
      if (a === null || b === null) return false;
      return c.op === "gt" ? a > b : c.op === "gte" ? a >= b : c.op === "lt" ? a < b : a <= b;
    }
  }
}

/** Every condition holds (an empty list always does). Text compares ignoring case; lists match any element. */
export function conditionsHold(conditions: AutomationCondition[], facts: Facts): boolean {
  return conditions.every((c) => holds(c, facts[c.field]));
}
