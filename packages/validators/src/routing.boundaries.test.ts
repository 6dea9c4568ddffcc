import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { businessIntervalSchema, conditionOpsFor, minutesOfDay, parseStoredRuleParts, ruleConditionSchema, teamInput } from "./routing";

const TEAM = "0b9a4c1e-3f2d-4a5b-8c6d-7e8f9a0b1c2d";
const issues = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => ({ path: i.path, message: i.message }));
const cond = (field: string, op: string, value: unknown) => issues(ruleConditionSchema, { field, op, value });
const valueIssue = (message: string) => [{ path: ["value"], message }];

describe("conditionOpsFor", () => {
  it("offers each field its operators in the editor's order", () => {
    expect(conditionOpsFor("score")).toEqual(["gte", "lte", "eq", "in"]);
    expect(conditionOpsFor("bant.budget")).toEqual(["eq", "in", "contains", "gte", "lte"]);
    expect(conditionOpsFor("bant.timeline")).toEqual(["eq", "in", "contains", "gte", "lte"]);
    expect(conditionOpsFor("tags")).toEqual(["eq", "in", "contains"]);
    expect(conditionOpsFor("source")).toEqual(["eq", "in", "contains"]);
  });
});

describe("ruleConditionSchema: each operator's rule with its message", () => {
  it("greater/less: a number, for the score and BANT answers only", () => {
    expect(cond("score", "gte", 50)).toBeUndefined();
    expect(cond("bant.budget", "lte", 5)).toBeUndefined();
    expect(cond("score", "gte", "50")).toEqual(valueIssue("Comparações de maior/menor exigem um número."));
    expect(cond("source", "lte", 5)).toEqual(valueIssue("Maior/menor só vale para a pontuação e respostas BANT."));
  });
  it("in: a list", () => {
    expect(cond("source", "in", ["web", "api"])).toBeUndefined();
    expect(cond("source", "in", "web")).toEqual(valueIssue('O operador "está em" exige uma lista de valores.'));
  });
  it("eq: one value; the score against a number", () => {
    expect(cond("source", "eq", "web")).toBeUndefined();
    expect(cond("score", "eq", 10)).toBeUndefined();
    expect(cond("source", "eq", ["web"])).toEqual(valueIssue('O operador "igual a" exige um único valor.'));
    expect(cond("score", "eq", "10")).toEqual(valueIssue("A pontuação é comparada com um número."));
  });
  it("contains: a text, never for the score", () => {
    expect(cond("tags", "contains", "vip")).toBeUndefined();
    expect(cond("bant.need", "contains", "crm")).toBeUndefined();
    expect(cond("tags", "contains", 5)).toEqual(valueIssue('O operador "contém" exige um texto.'));
    expect(cond("score", "contains", "5")).toEqual(valueIssue('A pontuação não aceita "contém".'));
  });
});

describe("parseStoredRuleParts", () => {
  const good = { field: "source", op: "eq", value: "web" };
  const action = { type: "assign_team", teamId: TEAM };
  it("reads good parts", () => {
    expect(parseStoredRuleParts([good], [action])).toEqual({ conditions: [good], actions: [action], invalid: false });
    expect(parseStoredRuleParts([], [])).toEqual({ conditions: [], actions: [], invalid: false });
  });
  it("a bad condition or conditions that are not a list make the rule invalid; bad actions are dropped", () => {
    expect(parseStoredRuleParts([good, { field: "x" }], [action, { type: "x" }, null])).toEqual({ conditions: [good], actions: [action], invalid: true });
    expect(parseStoredRuleParts(null, "x")).toEqual({ conditions: [], actions: [], invalid: true });
    expect(parseStoredRuleParts({ 0: good }, { 0: action })).toEqual({ conditions: [], actions: [], invalid: true });
  });
});

describe("business intervals", () => {
  it("minutesOfDay reads hours and minutes", () => {
    expect(minutesOfDay("00:00")).toBe(0);
    expect(minutesOfDay("09:30")).toBe(570);
    expect(minutesOfDay("24:00")).toBe(1440);
  });
  it("closing must be after opening, by at least a minute", () => {
    expect(businessIntervalSchema.safeParse({ day: 1, open: "09:00", close: "09:01" }).success).toBe(true);
    expect(businessIntervalSchema.safeParse({ day: 1, open: "09:30", close: "10:00" }).success).toBe(true);
    expect(businessIntervalSchema.safeParse({ day: 1, open: "23:59", close: "24:00" }).success).toBe(true);
    for (const close of ["09:00", "08:59", "08:30"]) {
      expect(issues(businessIntervalSchema, { day: 1, open: "09:00", close })).toEqual([{ path: ["close"], message: "O horário de fechamento deve ser depois da abertura." }]);
    }
  });
  it("a malformed time is reported alone, without the order check", () => {
    expect(issues(businessIntervalSchema, { day: 1, open: "9h", close: "08:00" })).toEqual([{ path: ["open"], message: "Use o formato HH:MM (por exemplo 09:00)." }]);
    expect(issues(businessIntervalSchema, { day: 1, open: "09:00", close: "8h" })).toEqual([{ path: ["close"], message: "Use o formato HH:MM (por exemplo 18:00)." }]);
  });
});

describe("rule issues and team members", () => {
  it("a condition's issue carries the custom code", () => {
    expect(ruleConditionSchema.safeParse({ field: "source", op: "in", value: "web" }).error?.issues.map((i) => i.code)).toEqual(["custom"]);
  });
  it("a team takes distinct members", () => {
    expect(teamInput.parse({ name: "Vendas", memberIds: [TEAM, "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"] }).memberIds).toHaveLength(2);
    expect(issues(teamInput, { name: "Vendas", memberIds: [TEAM, TEAM] })).toEqual([{ path: ["memberIds"], message: "Um agente aparece mais de uma vez no time." }]);
  });
});
