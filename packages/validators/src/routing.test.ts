import { describe, expect, it } from "vitest";
import {
  agentProfileInput,
  businessHoursInput,
  businessInterval,
  businessIntervalSchema,
  cannedResponseInput,
  isValidTimeZone,
  routingRuleInput,
  ruleActionSchema,
  ruleConditionSchema,
  slaCheckJobSchema,
  teamInput,
  tierSla,
  tierSlaSchema,
} from "./routing";

const TEAM = "0b9a4c1e-3f2d-4a5b-8c6d-7e8f9a0b1c2d";
const USER = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join(".")) ?? [];
const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message).join(" | ") ?? "";

describe("ruleConditionSchema", () => {
  it.each([
    { field: "score", op: "gte", value: 70 },
    { field: "score", op: "lte", value: 30 },
    { field: "source", op: "eq", value: "whatsapp" },
    { field: "channel", op: "in", value: ["web", "api"] },
    { field: "inbox", op: "eq", value: TEAM },
    { field: "tags", op: "contains", value: "vip" },
    { field: "bant.budget", op: "in", value: ["gt_10k", "5k_10k"] },
    { field: "bant.need", op: "contains", value: "automação" },
    { field: "bant.budget", op: "gte", value: 10000 },
  ])("accepts $field $op", (c) => {
    expect(ruleConditionSchema.safeParse(c).success).toBe(true);
  });

  it.each([
    [{ field: "score", op: "gte", value: "70" }, "value", "número"],
    [{ field: "source", op: "gte", value: 3 }, "value", "pontuação e respostas BANT"],
    [{ field: "channel", op: "in", value: "web" }, "value", "lista"],
    [{ field: "channel", op: "eq", value: ["web"] }, "value", "único valor"],
    [{ field: "tags", op: "contains", value: 1 }, "value", "texto"],
    [{ field: "score", op: "contains", value: "1" }, "value", "contém"],
    [{ field: "score", op: "eq", value: "alto" }, "value", "número"],
    [{ field: "channel", op: "in", value: [] }, "value", "pelo menos um valor"],
    [{ field: "origem", op: "eq", value: "web" }, "field", "Campo de condição desconhecido"],
    [{ field: "score", op: "gt", value: 1 }, "op", "Operador desconhecido"],
  ])("refuses %j at %s", (c, path, msg) => {
    const r = ruleConditionSchema.safeParse(c);
    expect(r.success).toBe(false);
    expect(paths(r)).toContain(path);
    expect(messages(r)).toContain(msg);
  });
});

describe("ruleActionSchema", () => {
  it("accepts the four actions", () => {
    for (const a of [
      { type: "assign_team", teamId: TEAM },
      { type: "assign_agent", userId: USER },
      { type: "add_tag", tag: " vip " },
      { type: "set_sla", minutes: 15 },
    ]) expect(ruleActionSchema.safeParse(a).success, JSON.stringify(a)).toBe(true);
    expect(ruleActionSchema.parse({ type: "add_tag", tag: " vip " })).toEqual({ type: "add_tag", tag: "vip" });
  });
  it("refuses bad payloads with their paths", () => {
    expect(paths(ruleActionSchema.safeParse({ type: "assign_team", teamId: "x" }))).toEqual(["teamId"]);
    expect(paths(ruleActionSchema.safeParse({ type: "set_sla", minutes: 0 }))).toEqual(["minutes"]);
    expect(messages(ruleActionSchema.safeParse({ type: "set_sla", minutes: 1.5 }))).toContain("inteiro");
    expect(messages(ruleActionSchema.safeParse({ type: "escalate" }))).toContain("Ação desconhecida");
  });
});

describe("routingRuleInput", () => {
  it("fills defaults", () => {
    const r = routingRuleInput.parse({ name: "VIP", actions: [{ type: "add_tag", tag: "vip" }] });
    expect(r).toMatchObject({ priority: 100, conditions: [], isActive: true });
  });
  it("reports nested field paths", () => {
    const r = routingRuleInput.safeParse({
      name: "",
      conditions: [{ field: "score", op: "gte", value: 70 }, { field: "score", op: "gte", value: "x" }],
      actions: [{ type: "assign_team", teamId: "nope" }],
    });
    expect(paths(r)).toEqual(expect.arrayContaining(["name", "conditions.1.value", "actions.0.teamId"]));
    expect(paths(routingRuleInput.safeParse({ name: "x", actions: [] }))).toEqual(["actions"]);
  });
});

describe("teamInput and agentProfileInput", () => {
  it("fills defaults and refuses duplicates", () => {
    expect(teamInput.parse({ name: "Vendas" })).toEqual({ name: "Vendas", distribution: "round_robin", slaMinutes: {}, memberIds: [] });
    const r = teamInput.safeParse({ name: "V", distribution: "random", slaMinutes: { hot: 0 }, memberIds: [USER, USER] });
    expect(paths(r)).toEqual(expect.arrayContaining(["name", "distribution", "slaMinutes.hot", "memberIds"]));
    expect(messages(r)).toContain("mais de uma vez");
  });
  it("normalises skills and bounds capacity", () => {
    expect(agentProfileInput.parse({ userId: USER, capacity: 3, skills: [" Automação "] }).skills).toEqual(["automação"]);
    const r = agentProfileInput.safeParse({ userId: USER, capacity: 0, skills: [""] });
    expect(paths(r)).toEqual(expect.arrayContaining(["capacity", "skills.0"]));
    expect(messages(r)).toContain("pelo menos 1 conversa");
  });
});

describe("businessHoursInput", () => {
  const weekly = [{ day: 1, open: "09:00", close: "18:00" }];
  it("defaults to São Paulo and sorts/dedupes holidays", () => {
    const r = businessHoursInput.parse({ weekly, holidays: ["2025-12-25", "2025-01-01", "2025-12-25"] });
    expect(r).toEqual({ teamId: null, timezone: "America/Sao_Paulo", weekly, holidays: ["2025-01-01", "2025-12-25"] });
  });
  it("accepts other IANA zones and 24:00 as a close", () => {
    expect(businessHoursInput.safeParse({ timezone: "Europe/Lisbon", weekly: [{ day: 6, open: "00:00", close: "24:00" }] }).success).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("America/Sao_Paolo")).toBe(false);
  });
  it("reports each bad field with its path, in pt-BR", () => {
    const r = businessHoursInput.safeParse({
      timezone: "Mars/Olympus",
      weekly: [
        { day: 7, open: "9:00", close: "18:00" },
        { day: 1, open: "18:00", close: "09:00" },
      ],
      holidays: ["25/12/2025"],
    });
    expect(paths(r)).toEqual(expect.arrayContaining(["timezone", "weekly.0.day", "weekly.0.open", "weekly.1.close", "holidays.0"]));
    const m = messages(r);
    expect(m).toContain("Fuso horário desconhecido");
    expect(m).toContain("HH:MM");
    expect(m).toContain("fechamento deve ser depois da abertura");
    expect(m).toContain("AAAA-MM-DD");
    expect(paths(businessHoursInput.safeParse({ weekly: [] }))).toEqual(["weekly"]);
  });
});

describe("cannedResponseInput", () => {
  it("normalises the shortcut", () => {
    expect(cannedResponseInput.parse({ shortcut: " Saudacao ", title: "Olá", body: "Olá! Como posso ajudar?" }).shortcut).toBe("saudacao");
  });
  it("refuses bad shortcuts and empty bodies with paths", () => {
    const r = cannedResponseInput.safeParse({ shortcut: "com espaço", title: "", body: " " });
    expect(paths(r)).toEqual(expect.arrayContaining(["shortcut", "title", "body"]));
    expect(messages(r)).toContain("letras minúsculas");
  });
  it("asks for an empty shortcut, and speaks of the length only to a one-letter one", () => {
    const empty = cannedResponseInput.safeParse({ shortcut: "  ", title: "Olá", body: "Oi" });
    expect(empty.error?.issues.map((i) => i.message)).toEqual(["Informe o atalho (por exemplo: preco)."]);
    const short = cannedResponseInput.safeParse({ shortcut: "a", title: "Olá", body: "Oi" });
    expect(short.error?.issues.map((i) => i.message)).toEqual(["O atalho deve ter pelo menos 2 caracteres."]);
  });
});

describe("slaCheckJobSchema", () => {
  it("takes two ids", () => {
    expect(slaCheckJobSchema.safeParse({ tenantId: TEAM, conversationId: USER }).success).toBe(true);
    expect(paths(slaCheckJobSchema.safeParse({ tenantId: "x" }))).toEqual(["tenantId", "conversationId"]);
  });
});

describe("tierSla and businessInterval (the browser's zod-free readings)", () => {
  const answer = <T>(r: { success: boolean; data?: T }) => (r.success ? r.data : null);
  it.each([{}, { hot: 5 }, { hot: 1, warm: 43_200, cold: 60 }, { hot: 0 }, { warm: 43_201 }, { cold: 1.5 }, { hot: "5" }, { hot: null }, { hot: 5, other: 1 }, [], null, 5, "x", { hot: Number.NaN }])(
    "tierSla answers as tierSlaSchema.safeParse: %j",
    (value) => {
      expect(tierSla(value)).toEqual(answer(tierSlaSchema.safeParse(value)));
    },
  );
  it.each([
    { day: 1, open: "09:00", close: "18:00" },
    { day: 0, open: "00:00", close: "24:00" },
    { day: 6, open: "23:00", close: "23:59" },
    { day: 7, open: "09:00", close: "18:00" },
    { day: -1, open: "09:00", close: "18:00" },
    { day: 1.5, open: "09:00", close: "18:00" },
    { day: "1", open: "09:00", close: "18:00" },
    { day: 1, open: "18:00", close: "09:00" },
    { day: 1, open: "09:00", close: "09:00" },
    { day: 1, open: "9:00", close: "18:00" },
    { day: 1, open: "24:00", close: "24:00" },
    { day: 1, open: "09:00", close: "25:00" },
    { day: 1, open: "09:00" },
    { day: 1, open: "09:00", close: "18:00", extra: true },
    null,
    [],
  ])("businessInterval answers as businessIntervalSchema.safeParse: %j", (value) => {
    expect(businessInterval(value)).toEqual(answer(businessIntervalSchema.safeParse(value)));
  });
});
