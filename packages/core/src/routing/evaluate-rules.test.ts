import { describe, expect, it } from "vitest";
import type { RuleAction, RuleCondition } from "@vendaflow/validators/routing";
import { evaluateRules, matchesCondition, parseStoredRule, type RoutingFacts, type RoutingRule } from "./evaluate-rules";

const T1 = "0b9a4c1e-3f2d-4a5b-8c6d-7e8f9a0b1c2d";
const T2 = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const U1 = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a";
const INBOX = "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b";

const facts: RoutingFacts = {
  score: 85,
  source: "whatsapp",
  channel: "whatsapp",
  inboxId: INBOX,
  tags: ["Enterprise", "sp"],
  bant: {
    budget: { value: "Acima de R$ 10.000/mês", optionId: "gt_10k" },
    authority: { value: "Sim, sou o decisor", optionId: "decision_maker" },
    need: { value: "Precisamos de automação do funil de vendas" },
    timeline: { value: null },
  },
};

const cond = (field: RuleCondition["field"], op: RuleCondition["op"], value: RuleCondition["value"]) => ({ field, op, value }) as RuleCondition;

describe("matchesCondition", () => {
  it.each([
    [cond("score", "gte", 85), true],
    [cond("score", "gte", 86), false],
    [cond("score", "lte", 85), true],
    [cond("score", "eq", 85), true],
    [cond("score", "in", [10, 85]), true],
    [cond("source", "eq", "WhatsApp"), true],
    [cond("source", "in", ["web", "api"]), false],
    [cond("source", "contains", "whats"), true],
    [cond("source", "gte", 1), false],
    [cond("channel", "eq", "whatsapp"), true],
    [cond("inbox", "eq", INBOX), true],
    [cond("inbox", "in", [T1, T2]), false],
    [cond("tags", "contains", "enterprise"), true],
    [cond("tags", "eq", "pme"), false],
    [cond("tags", "in", ["pme", "SP"]), true],
    [cond("bant.budget", "eq", "gt_10k"), true],
    [cond("bant.budget", "in", ["5k_10k", "gt_10k"]), true],
    [cond("bant.budget", "eq", "acima de r$ 10.000/mes"), true],
    [cond("bant.authority", "eq", "influencer"), false],
    [cond("bant.need", "contains", "automacao"), true],
    [cond("bant.need", "contains", "suporte"), false],
    [cond("bant.timeline", "eq", "now"), false], // skipped answer
    [cond("bant.timeline", "contains", ""), false],
  ] as const)("%j → %s", (c, expected) => {
    expect(matchesCondition(c, facts)).toBe(expected);
  });

  it("compares numeric BANT answers as numbers", () => {
    const f = { ...facts, bant: { budget: { value: 12000 } } };
    expect(matchesCondition(cond("bant.budget", "gte", 10000), f)).toBe(true);
    expect(matchesCondition(cond("bant.budget", "lte", 10000), f)).toBe(false);
    expect(matchesCondition(cond("bant.budget", "eq", "12000"), f)).toBe(true);
    expect(matchesCondition(cond("bant.budget", "gte", 1), facts)).toBe(false); // text answer
    expect(matchesCondition(cond("bant.need", "eq", "x"), { ...facts, bant: {} })).toBe(false); // unanswered
  });
});

const rule = (id: string, priority: number, conditions: RuleCondition[], actions: RuleAction[], isActive = true): RoutingRule => ({ id, name: id, priority, isActive, conditions, actions });

describe("evaluateRules", () => {
  it("runs by priority; first assign and first SLA win; tags accumulate without duplicates", () => {
    const rules = [
      rule("catch-all", 1000, [], [{ type: "assign_team", teamId: T2 }, { type: "add_tag", tag: "inbound" }, { type: "set_sla", minutes: 60 }]),
      rule("enterprise", 10, [cond("tags", "contains", "enterprise")], [{ type: "assign_team", teamId: T1 }, { type: "add_tag", tag: "key-account" }]),
      rule("big budget", 20, [cond("bant.budget", "eq", "gt_10k"), cond("score", "gte", 70)], [{ type: "set_sla", minutes: 10 }, { type: "add_tag", tag: "key-account" }, { type: "add_tag", tag: "ENTERPRISE" }]),
    ];
    expect(evaluateRules(rules, facts)).toEqual({
      teamId: T1,
      agentId: null,
      addTags: ["key-account", "inbound"],
      slaMinutes: 10,
      matchedRuleIds: ["enterprise", "big budget", "catch-all"],
    });
  });

  it("needs every condition of a rule and skips inactive rules", () => {
    const rules = [
      rule("off", 1, [], [{ type: "assign_agent", userId: U1 }], false),
      rule("web only", 2, [cond("channel", "eq", "web"), cond("score", "gte", 0)], [{ type: "assign_team", teamId: T1 }]),
      rule("agent", 3, [cond("score", "gte", 80)], [{ type: "assign_agent", userId: U1 }]),
    ];
    const d = evaluateRules(rules, facts);
    expect(d).toMatchObject({ teamId: null, agentId: U1, slaMinutes: null, matchedRuleIds: ["agent"] });
  });

  it("keeps the given order among equal priorities", () => {
    const rules = [rule("a", 5, [], [{ type: "assign_team", teamId: T2 }]), rule("b", 5, [], [{ type: "assign_team", teamId: T1 }])];
    expect(evaluateRules(rules, facts).teamId).toBe(T2);
  });

  it("returns an empty decision without rules", () => {
    expect(evaluateRules([], facts)).toEqual({ teamId: null, agentId: null, addTags: [], slaMinutes: null, matchedRuleIds: [] });
  });
});

describe("parseStoredRule", () => {
  const row = { id: "r", name: "r", priority: 1, is_active: true };
  it("keeps valid parts", () => {
    const r = parseStoredRule({ ...row, conditions: [{ field: "score", op: "gte", value: 1 }], actions: [{ type: "add_tag", tag: "x" }, { type: "explode" }] });
    expect(r.conditions).toHaveLength(1);
    expect(r.actions).toEqual([{ type: "add_tag", tag: "x" }]);
    expect(r.invalid).toBeUndefined();
  });
  it("disables a rule with a malformed condition instead of widening it", () => {
    const r = parseStoredRule({ ...row, conditions: [{ field: "score", op: "gte", value: "x" }], actions: [{ type: "assign_team", teamId: T1 }] });
    expect(r.invalid).toBe(true);
    expect(evaluateRules([r], facts).teamId).toBeNull();
    expect(parseStoredRule({ ...row, conditions: null, actions: [] }).invalid).toBe(true);
  });
});
