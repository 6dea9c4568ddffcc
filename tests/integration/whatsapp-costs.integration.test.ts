import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthlyWhatsAppUsage } from "@vendaflow/core/whatsapp/costs";
import { createDb } from "@vendaflow/db/create-db";
import { closeOwner, createTenant, env, type FixtureTenant, loginOperator, owner, seedConversationRows } from "../support/fixtures";
import { Client } from "../support/http";

// Issue 15, item 2: what a tenant's WhatsApp messages cost. Meta's category and billable flag are
// kept on each outbound message from its status webhook (tested in whatsapp-2026); here the
// monthly report (tRPC), the billing meter's core function and the operator's rate card.

let a: FixtureTenant;
let b: FixtureTenant;
const app = () => createDb({ url: env().appUrl, max: 1 });
let appDb: ReturnType<typeof app>;
const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;

/** Outbound messages of `tenantId` priced by Meta: [category, billable, created_at]. */
async function priced(tenantId: string, rows: [string, boolean | null, string][]) {
  const [conv] = await q("select c.id from conversations c where c.tenant_id = $1 limit 1", [tenantId]);
  for (const [category, billable, at] of rows) {
    await q("insert into messages (tenant_id, conversation_id, sender, text, wa_pricing_category, wa_billable, created_at, delivery_status) values ($1, $2, 'bot', 'x', $3, $4, $5, 'delivered')", [tenantId, conv.id, category, billable, at]);
  }
}

async function admin(t: FixtureTenant) {
  const c = new Client(env().port, `${t.slug}.${env().rootDomain}`);
  expect(await c.login(t.users.admin.email, t.users.admin.password)).toBeNull();
  return c;
}

let savedPrices: { category: string; per_thousand_cents: number }[];
beforeAll(async () => {
  appDb = app();
  savedPrices = await q("select category, per_thousand_cents from whatsapp_prices", []);
  a = await createTenant();
  b = await createTenant();
  await seedConversationRows(a.id);
  await seedConversationRows(b.id);
  await priced(a.id, [
    ["utility", true, "2026-10-05T12:00:00Z"],
    ["utility", true, "2026-10-20T12:00:00Z"],
    ["utility", false, "2026-10-21T12:00:00Z"],
    ["marketing", true, "2026-10-22T12:00:00Z"],
    ["service", null, "2026-10-23T12:00:00Z"],
    // 01:30 UTC on 1 Nov is still October in São Paulo.
    ["marketing", true, "2026-11-01T01:30:00Z"],
    ["marketing", true, "2026-11-10T12:00:00Z"],
    ["unknown_new", true, "2026-11-11T12:00:00Z"],
  ]);
  await priced(b.id, [["marketing", true, "2026-10-05T12:00:00Z"]]);
});
afterAll(async () => {
  await q("delete from whatsapp_prices", []);
  for (const p of savedPrices) await q("insert into whatsapp_prices (category, per_thousand_cents) values ($1, $2)", [p.category, p.per_thousand_cents]);
  await appDb.close();
  await closeOwner();
});

describe("WhatsApp costs", () => {
  it("the operator edits the BRL rate card; a bad price is refused in pt-BR", async () => {
    const { client: root } = await loginOperator();
    const bad = await root.trpc("mutation", "operator.setWhatsappPrices", { prices: [{ category: "marketing", perThousandCents: -1 }] });
    expect(bad.error?.message).toContain("O preço não pode ser negativo.");
    const dup = await root.trpc("mutation", "operator.setWhatsappPrices", { prices: [{ category: "utility", perThousandCents: 1 }, { category: "utility", perThousandCents: 2 }] });
    expect(dup.error?.message).toContain("Categoria repetida.");
    const set = await root.trpc("mutation", "operator.setWhatsappPrices", {
      prices: [
        { category: "marketing", perThousandCents: 35_000 },
        { category: "utility", perThousandCents: 4_000 },
        { category: "service", perThousandCents: 1_500 },
      ],
    });
    expect(set.error).toBeNull();
    const listed = await root.trpc<{ category: string; perThousandCents: number }[]>("query", "operator.whatsappPrices");
    expect(listed.data).toEqual([
      { category: "marketing", perThousandCents: 35_000 },
      { category: "service", perThousandCents: 1_500 },
      { category: "utility", perThousandCents: 4_000 },
    ]);
    // Tenants cannot touch it.
    const tenantAdmin = await admin(a);
    expect((await tenantAdmin.trpc("mutation", "operator.setWhatsappPrices", { prices: [{ category: "marketing", perThousandCents: 0 }] })).error).not.toBeNull();
  });

  it("the tenant's monthly report counts priced messages by São Paulo month and category, with the estimated cost", async () => {
    const c = await admin(a);
    const res = await c.trpc<{ months: string[]; rows: unknown[] }>("query", "whatsapp.costs", { month: "2026-11", months: 2 });
    expect(res.error).toBeNull();
    expect(res.data!.months).toEqual(["2026-10", "2026-11"]);
    expect(res.data!.rows).toEqual([
      // 2 billable × R$ 350,00 / 1000 = 70 cents.
      { month: "2026-10", category: "marketing", messages: 2, billable: 2, estimatedCents: 70 },
      // billable absent counts as billed: 1 × 15 / 1000 rounds to 2 cents.
      { month: "2026-10", category: "service", messages: 1, billable: 1, estimatedCents: 2 },
      { month: "2026-10", category: "utility", messages: 3, billable: 2, estimatedCents: 8 },
      { month: "2026-11", category: "marketing", messages: 1, billable: 1, estimatedCents: 35 },
      { month: "2026-11", category: "unknown_new", messages: 1, billable: 1, estimatedCents: null },
    ]);
    const bad = await c.trpc("query", "whatsapp.costs", { month: "2026-13", months: 2 });
    expect(bad.error?.message).toContain("Mês inválido: use AAAA-MM.");
  });

  it("only admins see it, and each tenant only its own messages", async () => {
    const agent = new Client(env().port, `${a.slug}.${env().rootDomain}`);
    expect(await agent.login(a.users.agent.email, a.users.agent.password)).toBeNull();
    expect((await agent.trpc("query", "whatsapp.costs", { month: "2026-10", months: 1 })).error?.data?.code).toBe("FORBIDDEN");
    const other = await admin(b);
    const res = await other.trpc<{ rows: { category: string; messages: number }[] }>("query", "whatsapp.costs", { month: "2026-10", months: 1 });
    expect(res.data!.rows).toEqual([{ month: "2026-10", category: "marketing", messages: 1, billable: 1, estimatedCents: 35 }]);
  });

  it("the billing meter's figure: one tenant's month by category, through RLS", async () => {
    const usage = await monthlyWhatsAppUsage({ db: appDb.db, now: () => new Date("2026-11-20T12:00:00Z") }, a.id, "2026-10");
    expect(usage).toEqual({
      tenantId: a.id,
      month: "2026-10",
      byCategory: {
        marketing: { messages: 2, billable: 2, estimatedCents: 70 },
        service: { messages: 1, billable: 1, estimatedCents: 2 },
        utility: { messages: 3, billable: 2, estimatedCents: 8 },
      },
      estimatedCents: 80,
      unpricedCategories: [],
    });
    // Default month is the clock's São Paulo month.
    const nov = await monthlyWhatsAppUsage({ db: appDb.db, now: () => new Date("2026-11-20T12:00:00Z") }, a.id);
    expect(nov).toMatchObject({ month: "2026-11", estimatedCents: 35, unpricedCategories: ["unknown_new"] });
    expect((await monthlyWhatsAppUsage({ db: appDb.db, now: () => new Date() }, b.id, "2026-11")).byCategory).toEqual({});
  });
});
