import type { RouterOutputs } from "@vendaflow/api/root";
import { defaultBantFlow } from "@vendaflow/core/bot/default-flow";
import { CHANNELS } from "@vendaflow/validators/plain/inbox";
import { conditionFields, conditionOpsFor } from "@vendaflow/validators/plain/routing";
import type { ConditionField, ConditionOp, RoutingRuleInput, RuleAction, RuleCondition } from "@vendaflow/validators/routing";

export type RuleRow = RouterOutputs["routing"]["rules"][number];
export type TeamOption = { id: string; name: string };
export type AgentOption = { id: string; name: string | null; email: string };
export type InboxOption = { id: string; name: string; channel: string };

export { CHANNELS, conditionFields };
export const ACTION_TYPES = ["assign_team", "assign_agent", "add_tag", "set_sla"] as const satisfies readonly RuleAction["type"][];

/**
 * The operators the editor offers: the server's (conditionOpsFor), less "contains" for channel and
 * inbox, whose values are picked from a list rather than typed.
 */
export function opsFor(field: ConditionField): ConditionOp[] {
  const picked = field === "channel" || field === "inbox";
  return conditionOpsFor(field).filter((op) => !(picked && op === "contains"));
}

export type ValueKind = "number" | "numberList" | "text" | "textList" | "channel" | "channelList" | "inbox" | "inboxList";

export function valueKind(field: ConditionField, op: ConditionOp): ValueKind {
  const list = op === "in";
  if (field === "score") return list ? "numberList" : "number";
  if (field === "channel") return list ? "channelList" : "channel";
  if (field === "inbox") return list ? "inboxList" : "inbox";
  if (op === "gte" || op === "lte") return "number";
  return list ? "textList" : "text";
}

export interface ConditionDraft {
  key: number;
  field: ConditionField;
  op: ConditionOp;
  /** Single values and comma-separated lists. */
  text: string;
  /** Checked channels / inboxes for "é um de". */
  picked: string[];
}

export interface ActionDraft {
  key: number;
  type: RuleAction["type"];
  teamId: string;
  userId: string;
  tag: string;
  minutes: string;
}

export interface RuleDraft {
  name: string;
  priority: string;
  isActive: boolean;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

let nextKey = 1;
const key = () => nextKey++;

export const newCondition = (): ConditionDraft => ({ key: key(), field: "score", op: "gte", text: "70", picked: [] });
export const newAction = (teams: TeamOption[]): ActionDraft => ({ key: key(), type: "assign_team", teamId: teams[0]?.id ?? "", userId: "", tag: "", minutes: "" });

/** Changing the field keeps the operator when it still applies, and the value when its kind is unchanged. */
export function withField(c: ConditionDraft, field: ConditionField): ConditionDraft {
  const ops = opsFor(field);
  const op = ops.includes(c.op) ? c.op : ops[0]!;
  const same = valueKind(c.field, c.op) === valueKind(field, op);
  return { ...c, field, op, text: same ? c.text : "", picked: same ? c.picked : [] };
}

export function withOp(c: ConditionDraft, op: ConditionOp): ConditionDraft {
  const before = valueKind(c.field, c.op);
  const after = valueKind(c.field, op);
  if (before === after) return { ...c, op };
  // A single value becomes the first entry of a list and back.
  const first = c.picked[0] ?? c.text.split(",")[0]?.trim() ?? "";
  if (after === "channelList" || after === "inboxList") return { ...c, op, picked: first ? [first] : [], text: "" };
  if (after === "channel" || after === "inbox") return { ...c, op, text: first, picked: [] };
  return { ...c, op, text: after === "number" || after === "text" ? first : c.text, picked: [] };
}

const csv = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
/** Blank stays a string so the server answers with its own "informe um número" message. */
const num = (s: string): number | string => (s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : s.trim());

export function conditionInput(c: ConditionDraft): RuleCondition {
  const kind = valueKind(c.field, c.op);
  let value: RuleCondition["value"];
  switch (kind) {
    case "number":
      value = num(c.text);
      break;
    case "numberList":
      value = csv(c.text).map(num);
      break;
    case "text":
    case "channel":
    case "inbox":
      value = c.text.trim();
      break;
    case "textList":
      value = csv(c.text);
      break;
    case "channelList":
    case "inboxList":
      value = c.picked;
      break;
  }
  return { field: c.field, op: c.op, value };
}

export function actionInput(a: ActionDraft): RuleAction {
  switch (a.type) {
    case "assign_team":
      return { type: a.type, teamId: a.teamId };
    case "assign_agent":
      return { type: a.type, userId: a.userId };
    case "add_tag":
      return { type: a.type, tag: a.tag };
    case "set_sla":
      return { type: a.type, minutes: Number(a.minutes.trim() === "" ? Number.NaN : a.minutes) };
  }
}

export function ruleInput(d: RuleDraft): RoutingRuleInput {
  return {
    name: d.name,
    priority: d.priority.trim() === "" ? 100 : Number(d.priority),
    isActive: d.isActive,
    conditions: d.conditions.map(conditionInput),
    actions: d.actions.map(actionInput),
  };
}

/** Stored jsonb, read exactly as core reads it (parseStoredRuleParts, on the server: routing.rules' `parsed`): malformed conditions make the rule inert, malformed actions are dropped. */
export const parseRule = (row: RuleRow): { conditions: RuleCondition[]; actions: RuleAction[]; invalid: boolean } => row.parsed;

export function draftOf(row: RuleRow | null, teams: TeamOption[]): RuleDraft {
  if (!row) return { name: "", priority: "100", isActive: true, conditions: [newCondition()], actions: [newAction(teams)] };
  const { conditions, actions } = parseRule(row);
  return {
    name: row.name,
    priority: String(row.priority),
    isActive: row.is_active,
    conditions: conditions.map((c) => {
      const list = Array.isArray(c.value) ? c.value.map(String) : [String(c.value)];
      const kind = valueKind(c.field, c.op);
      const picked = kind === "channelList" || kind === "inboxList" ? list : [];
      return { key: key(), field: c.field, op: c.op, text: picked.length ? "" : list.join(", "), picked };
    }),
    actions: actions.map((a) => ({
      key: key(),
      type: a.type,
      teamId: a.type === "assign_team" ? a.teamId : "",
      userId: a.type === "assign_agent" ? a.userId : "",
      tag: a.type === "add_tag" ? a.tag : "",
      minutes: a.type === "set_sla" ? String(a.minutes) : "",
    })),
  };
}

/** Suggestions for the BANT fields: the default flow's option ids and texts. */
export function bantSuggestions(field: ConditionField): { value: string; label: string }[] {
  if (!field.startsWith("bant.")) return [];
  const bantField = field.slice("bant.".length);
  return defaultBantFlow.steps.flatMap((s) => (s.field === bantField ? (s.options ?? []).map((o) => ({ value: o.id, label: o.text })) : []));
}

/** Every server issue under `prefix` (e.g. "conditions.2"), one message each. */
export function issuesUnder(errors: Record<string, string>, prefix: string): string[] {
  return [...new Set(Object.entries(errors).filter(([k]) => k === prefix || k.startsWith(`${prefix}.`)).map(([, m]) => m))];
}
