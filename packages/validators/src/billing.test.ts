import { describe, expect, it } from "vitest";
import { planUpdateSchema, stripeCheckoutSessionSchema, stripeEventSchema, stripeInvoiceSchema, stripeSubscriptionRefSchema } from "./billing";

const plan = {
  code: "growth",
  name: "Growth",
  description: "Para times em crescimento",
  priceMonthlyCents: 79_900,
  priceYearlyCents: 799_000,
  overageMessageCents: 5,
  maxUsers: 10,
  maxMessagesMonth: 20_000,
  maxInboxes: 5,
  maxWhatsappNumbers: 2,
  messageGracePercent: 10,
  features: ["Kanban"],
  isActive: true,
};

describe("planUpdateSchema", () => {
  it("accepts a plan in integer cents with nullable (unlimited) limits", () => {
    expect(planUpdateSchema.parse({ ...plan, maxUsers: null, name: "  Growth " })).toMatchObject({ name: "Growth", maxUsers: null });
  });
  it.each([
    [{ name: " " }, "Informe o nome."],
    [{ name: "n".repeat(61) }, "Nome com no máximo 60 caracteres."],
    [{ description: "d".repeat(501) }, "Descrição com no máximo 500 caracteres."],
    [{ priceMonthlyCents: 10.5 }, "Valor em centavos inteiros."],
    [{ priceYearlyCents: -1 }, "O valor não pode ser negativo."],
    [{ overageMessageCents: 100_000_001 }, "Valor alto demais."],
    [{ maxInboxes: 0 }, "O limite deve ser pelo menos 1."],
    [{ maxMessagesMonth: 1.5 }, "Limite inteiro."],
    [{ messageGracePercent: 101 }, "Entre 0 e 100%."],
    [{ features: Array(21).fill("x") }, "No máximo 20 itens."],
  ])("refuses %j with %s", (patch, message) => {
    expect(planUpdateSchema.safeParse({ ...plan, ...patch }).error!.issues.map((i) => i.message)).toContain(message);
  });
  it("refuses NUL in the name, the description and a feature", () => {
    for (const patch of [{ name: "a\u0000" }, { description: "a\u0000" }, { features: ["a\u0000"] }]) expect(planUpdateSchema.safeParse({ ...plan, ...patch }).success).toBe(false);
  });
});

describe("Stripe wire shapes", () => {
  it("reads a customer given as an id or as an expanded object", () => {
    const sub = (customer: unknown) => stripeSubscriptionRefSchema.parse({ id: "sub_1", customer }).customer;
    expect(sub("cus_1")).toBe("cus_1");
    expect(sub({ id: "cus_2", email: "a@b.com" })).toBe("cus_2");
    expect(stripeSubscriptionRefSchema.safeParse({ id: "sub_1", customer: "" }).success).toBe(false);
  });
  it("keeps a checkout session without a customer", () => {
    const s = stripeCheckoutSessionSchema.parse({ id: "cs_1", customer: null, mode: "subscription", extra: 1 });
    expect(s).toMatchObject({ customer: null, extra: 1 });
  });
  it("refuses an event id with NUL or longer than its column, and a negative created", () => {
    const ev = { id: "evt_1", type: "invoice.paid", created: 1, data: { object: {} } };
    expect(stripeEventSchema.safeParse(ev).success).toBe(true);
    expect(stripeEventSchema.safeParse({ ...ev, id: "evt\u0000" }).error!.issues[0]!.message).toBe("Id com caractere nulo.");
    expect(stripeEventSchema.safeParse({ ...ev, id: "e".repeat(256) }).success).toBe(false);
    expect(stripeEventSchema.safeParse({ ...ev, type: "a\u0000" }).success).toBe(false);
    expect(stripeEventSchema.safeParse({ ...ev, created: -1 }).success).toBe(false);
  });
  it("reads an invoice's status from Stripe's list only", () => {
    const inv = { id: "in_1", customer: "cus_1", status: "paid", currency: "brl", amount_due: 79_900, amount_paid: 79_900, created: 1 };
    expect(stripeInvoiceSchema.parse(inv).customer).toBe("cus_1");
    expect(stripeInvoiceSchema.safeParse({ ...inv, status: "refunded" }).success).toBe(false);
    expect(stripeInvoiceSchema.safeParse({ ...inv, currency: "reais" }).success).toBe(false);
  });
});
