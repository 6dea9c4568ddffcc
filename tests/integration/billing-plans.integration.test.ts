import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@vendaflow/core/auth/password";
import { closeOwner, createTenant, env, owner, rootClient, type FixtureTenant } from "../support/fixtures";
import { Client } from "../support/http";

// Issue 11 item 1: the platform operator edits plans in the console; every edit is one row of the
// platform audit log (who, before, after); tenants cannot edit plans; limits follow the columns.

let code: string;
let tenant: FixtureTenant;
// An operator of its own, logged in once: logins are rate-limited per e-mail (5 per 15 minutes) and
// the other files already use the seeded operator's five.
let root: ReturnType<typeof rootClient>;
const operatorEmail = `billing-op-${Math.random().toString(36).slice(2, 8)}@vendaflow.dev`;
const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;

const edit = (over: Record<string, unknown> = {}) => ({
  code,
  name: "Plano Teste",
  description: "Editado pelo operador",
  priceMonthlyCents: 12_345,
  priceYearlyCents: 123_450,
  overageMessageCents: 9,
  maxUsers: 7,
  maxMessagesMonth: 2_000,
  maxInboxes: null,
  maxWhatsappNumbers: 2,
  messageGracePercent: 15,
  features: ["7 usuários", "2.000 mensagens/mês"],
  isActive: false,
  ...over,
});

beforeAll(async () => {
  code = `ptest_${Math.random().toString(36).slice(2, 8)}`;
  await q("insert into plans (code, name, price_monthly_cents, price_yearly_cents, max_users, is_active, sort_order) values ($1, 'Teste', 1000, 10000, 3, false, 98)", [code]);
  tenant = await createTenant();
  await q("insert into platform_operators (email, name, password_hash) values ($1, 'Operadora de cobrança', $2)", [operatorEmail, await hashPassword("operator-billing-123")]);
  root = rootClient();
  expect(await root.login(operatorEmail, "operator-billing-123")).toBeNull();
});
afterAll(async () => {
  await q("delete from plans where code = $1", [code]);
  await q("delete from platform_operators where email = $1", [operatorEmail]);
  await closeOwner();
});

describe("operator plan editing", () => {
  it("saves the plan and writes one platform audit row with the operator, before and after", async () => {
    const saved = await root.trpc<{ code: string; priceMonthlyCents: number; limits: Record<string, number | null> }>("mutation", "operator.updatePlan", edit());
    expect(saved.error).toBeNull();
    expect(saved.data).toMatchObject({ code, priceMonthlyCents: 12_345, limits: { users: 7, messagesMonth: 2_000, inboxes: null, whatsappNumbers: 2 } });
    const [row] = await q("select name, price_monthly_cents, max_inboxes, message_grace_percent, features, is_active from plans where code = $1", [code]);
    expect(row).toEqual({ name: "Plano Teste", price_monthly_cents: 12_345, max_inboxes: null, message_grace_percent: 15, features: ["7 usuários", "2.000 mensagens/mês"], is_active: false });
    const audit = await q(
      "select a.action, a.entity_type, a.before->>'price_monthly_cents' as before_price, a.after->>'price_monthly_cents' as after_price, a.after ? 'stripe_product_id' as leaks_stripe, o.email from platform_audit_logs a join platform_operators o on o.id = a.actor_operator_id where a.entity_id = $1",
      [code],
    );
    expect(audit).toEqual([{ action: "plan.updated", entity_type: "plan", before_price: "1000", after_price: "12345", leaks_stripe: false, email: operatorEmail }]);
    const listed = await root.trpc<{ planCode: string; operatorEmail: string }[]>("query", "operator.planAudit");
    expect(listed.data?.find((a) => a.planCode === code)).toMatchObject({ operatorEmail });
  });

  it("refuses bad values in pt-BR (limits of the columns) and changes nothing, nor audits", async () => {
    const long = await root.trpc("mutation", "operator.updatePlan", edit({ name: "x".repeat(61), priceMonthlyCents: 1 }));
    expect(long.error?.message).toContain("Nome com no máximo 60 caracteres.");
    const grace = await root.trpc("mutation", "operator.updatePlan", edit({ messageGracePercent: 101, priceMonthlyCents: 1 }));
    expect(grace.error?.message).toContain("Entre 0 e 100%.");
    const missing = await root.trpc("mutation", "operator.updatePlan", edit({ code: "nao_existe" }));
    expect(missing.error?.message).toContain("Plano não encontrado.");
    expect((await q("select price_monthly_cents from plans where code = $1", [code]))[0].price_monthly_cents).toBe(12_345);
    expect((await q("select count(*)::int as n from platform_audit_logs where entity_id = $1", [code]))[0].n).toBe(1);
  });

  it("the operator's billing view lists each tenant with plan, status, MRR and this month's messages", async () => {
    const code2 = (await q("select code from plans where code = 'growth'", []))[0].code;
    await q(
      "insert into tenant_subscriptions (tenant_id, plan_id, status, stripe_subscription_id, stripe_customer_id) select $1, id, 'active', 'sub_' || $2, 'cus_' || $2 from plans where code = $3 on conflict (tenant_id) do update set status = 'active', stripe_subscription_id = excluded.stripe_subscription_id",
      [tenant.id, tenant.slug, code2],
    );
    // The ledger is the truth (the roll-up in usage_totals lags one report-job run).
    await q("insert into usage_events (tenant_id, meter, period, quantity, source_id, occurred_at) values ($1, 'bot_messages', to_char(now() at time zone 'America/Sao_Paulo', 'YYYY-MM'), 42, 'operator-view-seed', now())", [tenant.id]);
    // Other months and other meters are not this month's bot messages.
    await q("insert into usage_events (tenant_id, meter, period, quantity, source_id, occurred_at) values ($1, 'bot_messages', '2001-01', 7, 'operator-view-old', '2001-01-15'), ($1, 'whatsapp_service', to_char(now() at time zone 'America/Sao_Paulo', 'YYYY-MM'), 3, 'operator-view-other', now())", [tenant.id]);
    const b = await root.trpc<{ mrrCents: number; byStatus: Record<string, number>; tenants: { slug: string; planCode: string; status: string; mrrCents: number; messages: number; messageLimit: number }[] }>("query", "operator.billing");
    expect(b.error).toBeNull();
    expect(b.data.tenants.find((x) => x.slug === tenant.slug)).toMatchObject({ planCode: "growth", status: "active", mrrCents: 79900, messages: 42, messageLimit: 5000 });
    expect(b.data.mrrCents).toBeGreaterThanOrEqual(79900);
    expect(b.data.byStatus.active).toBeGreaterThanOrEqual(1);
    // Tenants cannot read it.
    const c = new Client(env().port, `${tenant.slug}.${env().rootDomain}`);
    expect(await c.login(tenant.users.admin.email, tenant.users.admin.password)).toBeNull();
    expect((await c.trpc("query", "operator.billing")).error).not.toBeNull();
  });

  it("a tenant admin cannot edit plans; the app role cannot rewrite the audit log", async () => {
    const c = new Client(env().port, `${tenant.slug}.${env().rootDomain}`);
    expect(await c.login(tenant.users.admin.email, tenant.users.admin.password)).toBeNull();
    expect((await c.trpc("mutation", "operator.updatePlan", edit({ priceMonthlyCents: 1 }))).error).not.toBeNull();
    expect((await q("select price_monthly_cents from plans where code = $1", [code]))[0].price_monthly_cents).toBe(12_345);
    const { Client: PgClient } = (await import("pg")).default;
    const app = new PgClient({ connectionString: env().appUrl });
    await app.connect();
    try {
      await expect(app.query("delete from platform_audit_logs where entity_id = $1", [code])).rejects.toThrow(/permission denied/);
      await expect(app.query("update platform_audit_logs set action = 'x' where entity_id = $1", [code])).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });
});
