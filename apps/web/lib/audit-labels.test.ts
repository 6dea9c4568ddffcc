import { describe, expect, it } from "vitest";
import { auditActionGroups, auditActionLabel, auditEntityLabel, auditEntityOptions } from "./audit-labels";

describe("audit labels", () => {
  it("names known codes and entity types in pt-BR", () => {
    expect(auditActionLabel("deal.create")).toBe("Negócio criado");
    expect(auditActionLabel("auth.login")).toBe("Entrou");
    expect(auditEntityLabel("deal")).toBe("Negócio");
    expect(auditEntityLabel("session")).toBe("Sessão");
    expect(auditEntityLabel("consent")).toBe("Consentimento");
  });

  it("falls back to the code itself for unknown (older) codes, prototype keys included", () => {
    expect(auditActionLabel("legacy.thing")).toBe("legacy.thing");
    expect(auditActionLabel("constructor")).toBe("constructor");
    expect(auditEntityLabel("toString")).toBe("toString");
  });

  it("groups the filter's options by area, sorted, with the codes as values", () => {
    const groups = auditActionGroups();
    const labels = groups.map((g) => g.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "pt-BR")));
    expect(new Set(labels).size).toBe(labels.length);
    const deals = groups.find((g) => g.label === "Negócios")!;
    expect(deals.options).toContainEqual({ value: "deal.create", label: "Negócio criado" });
    expect(deals.options.every((o) => o.value.startsWith("deal."))).toBe(true);
    // Two prefixes with one area name share one group.
    const hooks = groups.find((g) => g.label === "Webhooks")!;
    expect(hooks.options.map((o) => o.value)).toEqual(expect.arrayContaining(["webhook_delivery.replayed", "webhook_subscription.created"]));
    expect(groups.flatMap((g) => g.options)).toHaveLength(Object.keys(groups.flatMap((g) => g.options).reduce((a, o) => ({ ...a, [o.value]: 1 }), {})).length);
  });

  it("offers every entity type by name", () => {
    expect(auditEntityOptions()).toContainEqual({ value: "session", label: "Sessão" });
  });
});
