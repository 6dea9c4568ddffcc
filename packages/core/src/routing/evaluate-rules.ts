import type { BantField } from "@vendaflow/validators/flow";
import { parseStoredRuleParts, type RuleAction, type RuleCondition } from "@vendaflow/validators/routing";
import { normalize } from "../bot/normalize";

/** A BANT answer as stored on the lead (value = the answer text or number, optionId for choices). */
export interface BantFact {
  value: string | number | null;
  optionId?: string;
}

/** What routing rules look at. */
export interface RoutingFacts {
  score: number;
  /** leads.source */
  source: string;
  /** The inbox's channel: web / whatsapp / api. */
  channel: string;
  inboxId: string;
  tags: readonly string[];
  bant: Partial<Record<BantField, BantFact>>;
}

export interface RoutingRule {
  id: string;
  name: string;
  /** Lower runs first. */
  priority: number;
  isActive: boolean;
  /** All must hold; none = always. */
  conditions: RuleCondition[];
  actions: RuleAction[];
  /** A stored condition failed validation: the rule never matches rather than matching too much. */
  invalid?: boolean;
}

export interface RoutingDecision {
  /** The first assign_team in priority order. */
  teamId: string | null;
  /** The first assign_agent in priority order: tried before the team's distribution. */
  agentId: string | null;
  /** Every add_tag of every matching rule, in order, without duplicates. */
  addTags: string[];
  /** The first set_sla; null = the lead tier's default. */
  slaMinutes: number | null;
  matchedRuleIds: string[];
}

/** Reads a routing_rules row's jsonb defensively: bad actions are dropped, a bad condition disables the rule. */
export function parseStoredRule(row: { id: string; name: string; priority: number; is_active: boolean; conditions: unknown; actions: unknown }): RoutingRule {
  const { conditions, actions, invalid } = parseStoredRuleParts(row.conditions, row.actions);
  return { id: row.id, name: row.name, priority: row.priority, isActive: row.is_active, conditions, actions, ...(invalid ? { invalid } : {}) };
}

type Scalar = string | number;

const eqScalar = (a: Scalar, b: Scalar) => (typeof a === "number" || typeof b === "number" ? Number(a) === Number(b) && String(a).trim() !== "" && String(b).trim() !== "" : normalize(a) === normalize(b));

const asNumber = (v: unknown): number | null => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const list = (v: RuleCondition["value"]): Scalar[] => (Array.isArray(v) ? v : [v]);

/** One value (score, source, channel, inbox, a BANT answer) against one condition. */
function matchScalar(op: RuleCondition["op"], candidates: Scalar[], numeric: number | null, text: string | null, value: RuleCondition["value"]): boolean {
  switch (op) {
    case "gte":
      return numeric !== null && typeof value === "number" && numeric >= value;
    case "lte":
      return numeric !== null && typeof value === "number" && numeric <= value;
    case "eq":
      return !Array.isArray(value) && candidates.some((c) => eqScalar(c, value));
    case "in":
      return list(value).some((v) => candidates.some((c) => eqScalar(c, v)));
    case "contains":
      return text !== null && typeof value === "string" && normalize(text).includes(normalize(value));
  }
}

export function matchesCondition(cond: RuleCondition, facts: RoutingFacts): boolean {
  switch (cond.field) {
    case "score":
      return matchScalar(cond.op, [facts.score], facts.score, null, cond.value);
    case "source":
    case "channel":
    case "inbox": {
      const v = cond.field === "inbox" ? facts.inboxId : facts[cond.field];
      return matchScalar(cond.op, [v], null, v, cond.value);
    }
    case "tags": {
      // eq / contains: has this tag; in: has any of them.
      if (cond.op === "gte" || cond.op === "lte") return false;
      return list(cond.value).some((v) => facts.tags.some((t) => eqScalar(t, v)));
    }
    default: {
      const field = cond.field.slice("bant.".length) as BantField;
      const answer = facts.bant[field];
      if (!answer || answer.value === null) return false;
      // A choice matches by its text or its option id ("gt_10k").
      const candidates: Scalar[] = [answer.value, ...(answer.optionId ? [answer.optionId] : [])];
      return matchScalar(cond.op, candidates, asNumber(answer.value), String(answer.value), cond.value);
    }
  }
}

export function ruleMatches(rule: RoutingRule, facts: RoutingFacts): boolean {
  return rule.isActive && !rule.invalid && rule.conditions.every((c) => matchesCondition(c, facts));
}

/**
 * Evaluates every active rule in priority order (ties keep the given order). Each action kind is
 * decided by the first rule that carries it: the first assign_team picks the team, the first
 * assign_agent the preferred agent, the first set_sla the SLA; add_tag accumulates.
 */
export function evaluateRules(rules: readonly RoutingRule[], facts: RoutingFacts): RoutingDecision {
  const decision: RoutingDecision = { teamId: null, agentId: null, addTags: [], slaMinutes: null, matchedRuleIds: [] };
  const ordered = rules.map((r, i) => ({ r, i })).sort((a, b) => a.r.priority - b.r.priority || a.i - b.i);
  const has = new Set(facts.tags.map(normalize));
  for (const { r } of ordered) {
    if (!ruleMatches(r, facts)) continue;
    decision.matchedRuleIds.push(r.id);
    for (const a of r.actions) {
      switch (a.type) {
        case "assign_team":
          decision.teamId ??= a.teamId;
          break;
        case "assign_agent":
          decision.agentId ??= a.userId;
          break;
        case "set_sla":
          decision.slaMinutes ??= a.minutes;
          break;
        case "add_tag":
          if (!has.has(normalize(a.tag))) {
            has.add(normalize(a.tag));
            decision.addTags.push(a.tag);
          }
          break;
      }
    }
  }
  return decision;
}
