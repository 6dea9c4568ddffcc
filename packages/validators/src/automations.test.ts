import { describe, expect, it } from "vitest";
import { automationActionSchema, automationConditionSchema, automationInput, automationRunsInput, triggerEntity, automationTriggers } from "./automations";

const task = { type: "create_task", subject: "Ligar para o lead" } as const;

describe("automationInput", () => {
  it("fills defaults: no conditions, active, 3 runs per entity per hour; tasks due in 24 h for the owner", () => {
    const a = automationInput.parse({ name: " Boas-vindas ", trigger: "lead_created", actions: [task] });
    expect(a).toMatchObject({ name: "Boas-vindas", conditions: [], isActive: true, maxPerEntityPerHour: 3 });
    expect(a.actions[0]).toEqual({ ...task, dueInHours: 24, assignTo: "owner" });
  });
  it.each([
    [{ name: "" }, "Informe o nome da automação."],
    [{ name: "n".repeat(121) }, "o nome da automação deve ter no máximo 120 caracteres."],
    [{ name: "a\u0000b" }, "o nome da automação contém caracteres inválidos."],
    [{ trigger: "lead_deleted" }, "Gatilho desconhecido."],
    [{ actions: [] }, "Adicione pelo menos uma ação."],
    [{ actions: Array(11).fill(task) }, "No máximo 10 ações."],
    [{ conditions: Array(21).fill({ field: "score", op: "gt", value: 1 }) }, "No máximo 20 condições."],
  ])("refuses %j with a pt-BR message", (patch, message) => {
    const r = automationInput.safeParse({ name: "x", trigger: "lead_created", actions: [task], ...patch });
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });
  it("bounds loop protection to 1..20 runs per entity per hour", () => {
    const base = { name: "x", trigger: "deal_won", actions: [task] };
    expect(automationInput.safeParse({ ...base, maxPerEntityPerHour: 0 }).success).toBe(false);
    expect(automationInput.safeParse({ ...base, maxPerEntityPerHour: 21 }).success).toBe(false);
    expect(automationInput.safeParse({ ...base, maxPerEntityPerHour: 20 }).success).toBe(true);
  });
});

describe("conditions and actions", () => {
  it("takes built-in fields and custom.<uuid> only", () => {
    expect(automationConditionSchema.parse({ field: "score", op: "gte" })).toEqual({ field: "score", op: "gte", value: null });
    expect(automationConditionSchema.safeParse({ field: "custom.0f0e3a3c-1b7e-4a51-9d8f-2a3b4c5d6e7f", op: "is_set" }).success).toBe(true);
    expect(automationConditionSchema.safeParse({ field: "Score; drop", op: "eq" }).error!.issues[0]!.message).toBe("Campo desconhecido.");
    expect(automationConditionSchema.safeParse({ field: "score", op: "like" }).error!.issues[0]!.message).toBe("Operador desconhecido.");
    expect(automationConditionSchema.safeParse({ field: "source", op: "eq", value: "a\u0000" }).success).toBe(false);
  });
  it("update_field writes custom fields only, without NUL", () => {
    expect(automationActionSchema.safeParse({ type: "update_field", field: "score", value: 1 }).error!.issues[0]!.message).toBe("Escolha um campo personalizado.");
    expect(automationActionSchema.safeParse({ type: "update_field", field: "custom.0f0e3a3c-1b7e-4a51-9d8f-2a3b4c5d6e7f", value: "x\u0000" }).success).toBe(false);
  });
  it("tags are trimmed and lowercased", () => {
    expect(automationActionSchema.parse({ type: "add_tag", tag: "  VIP " })).toEqual({ type: "add_tag", tag: "vip" });
  });
  it("e-mails go to the owner or a valid address; webhooks to http(s)", () => {
    const mail = { type: "send_email", subject: "Oi", body: "Olá" };
    expect(automationActionSchema.safeParse({ ...mail, to: "owner" }).success).toBe(true);
    expect(automationActionSchema.safeParse({ ...mail, to: "not-an-email" }).success).toBe(false);
    expect(automationActionSchema.safeParse({ type: "call_webhook", url: "https://hooks.example.com/x" }).success).toBe(true);
    expect(automationActionSchema.safeParse({ type: "call_webhook", url: "ftp://example.com/x" }).error!.issues[0]!.message).toBe("URL inválida (use http ou https).");
  });
  it("move_deal_stage names a stage by id; the loss reason is optional here (the server asks for it when the stage is a loss)", () => {
    const stageId = "0f0e3a3c-1b7e-4a51-9d8f-2a3b4c5d6e7f";
    expect(automationActionSchema.parse({ type: "move_deal_stage", stageId })).toEqual({ type: "move_deal_stage", stageId, lostReasonId: null });
    expect(automationActionSchema.safeParse({ type: "move_deal_stage", stageId: "" }).error!.issues[0]!.message).toBe("Escolha uma etapa.");
    expect(automationActionSchema.safeParse({ type: "move_deal_stage", stageId, lostReasonId: "x" }).error!.issues[0]!.message).toBe("Escolha o motivo da perda.");
  });
});

describe("triggers and run pages", () => {
  it("acts on the deal for deal triggers and on the lead otherwise", () => {
    expect(automationTriggers.filter((t) => triggerEntity[t] === "deal")).toEqual(["stage_changed", "deal_won", "deal_lost"]);
  });
  it("reads a run cursor as <ISO time>|<uuid>", () => {
    const id = "0f0e3a3c-1b7e-4a51-9d8f-2a3b4c5d6e7f";
    expect(automationRunsInput.parse({ automationId: id, cursor: `2026-12-01T10:00:00.000Z|${id}` }).limit).toBe(25);
    expect(automationRunsInput.safeParse({ automationId: id, cursor: "abc" }).error!.issues[0]!.message).toBe("Cursor inválido.");
  });
});
