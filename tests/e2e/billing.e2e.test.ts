import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripePayments } from "@vendaflow/connectors/stripe/stripe-payments";
import { syncCatalog } from "@vendaflow/core/billing/catalog-sync";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { startAppServer } from "../support/app-server";
import { OPERATOR } from "../support/browser";
import { createTenant, env, owner } from "../support/fixtures";
import { request } from "../support/http";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";
import { signStripe, startStripeStandIn, type StripeStandIn } from "../stand-ins/stripe";

// A tenant on the card-less trial (2 days left) upgrades to Growth through the Checkout stand-in
// page; Stripe's events reach the app signed, and the plan, limits and banner change. The platform
// operator edits Starter in the plan editor (audited), and a tenant admin on Starter sees this
// month's seeded usage charted against the new limit.

const SECRET_KEY = "sk_test_billing_e2e";
const WEBHOOK_SECRET = "whsec_test_billing_e2e";
const { browser, tenant } = e2eSuite();
let stripe: StripeStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let db: { db: Database; close: () => Promise<void> };

beforeAll(async () => {
  stripe = await startStripeStandIn({ secretKey: SECRET_KEY });
  db = createDb({ url: env().appUrl, max: 2 });
  await syncCatalog({ db: db.db, payments: stripePayments({ secretKey: SECRET_KEY, apiBase: stripe.url }) });
  app = await startAppServer({ STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_API_BASE: stripe.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  // The stand-in's "Pagar" delivers what Stripe would send, signed, to the app's webhook.
  stripe.onCheckout(async (events) => {
    for (const ev of events) {
      const raw = JSON.stringify(ev);
      const res = await request(app.port, app.rootDomain, "POST", "/api/webhooks/stripe", { headers: { "content-type": "application/json", "stripe-signature": signStripe(raw, WEBHOOK_SECRET) }, body: raw });
      if (res.status !== 200) throw new Error(`webhook ${String(ev.type)} → ${res.status} ${res.text}`);
    }
  });
  await owner().query("insert into tenant_subscriptions (tenant_id, plan_id, status, trial_ends_at) select $1, id, 'trialing', now() + interval '2 days' from plans where code = 'starter'", [tenant().id]);
}, 90_000);
afterAll(async () => {
  await owner().query("update plans set max_messages_month = 1000 where code = 'starter'");
  await app?.stop();
  await stripe?.close();
  await db?.close();
});

describe("billing in Chromium", () => {
  it("trial → Checkout (stand-in page) → active on Growth: plan, limits and banner follow", async () => {
    const base = `http://${tenant().slug}.${app.rootDomain}`;
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, base, tenant().users.admin, "/billing");

    await expect.poll(() => page.getByTestId("current-plan").textContent()).toBe("Starter");
    expect(await page.getByTestId("trial-days").textContent()).toMatch(/Restam 2 dias de teste/);
    expect(await page.getByTestId("billing-banner").textContent()).toMatch(/teste termina/);
    expect(await page.getByTestId("usage-Usuários").textContent()).toContain("3 de 5");

    await page.getByTestId("plan-growth").getByRole("button", { name: "Assinar" }).click();
    await page.waitForURL(/\/pay\/cs_test_/);
    await page.getByRole("button", { name: "Pagar" }).click();
    await page.waitForURL(`${base}/billing?checkout=success`);
    await page.getByText("Pagamento recebido!").waitFor();

    await expect.poll(() => page.getByTestId("current-plan").textContent()).toBe("Growth");
    expect(await page.getByTestId("subscription-status").textContent()).toBe("Ativa");
    expect(await page.getByTestId("usage-Usuários").textContent()).toContain("3 de 15");
    expect(await page.getByTestId("billing-banner").count()).toBe(0);
    // The paid invoice is listed with its PDF link.
    await page.getByRole("link", { name: "Baixar" }).first().waitFor();
    const row = (await owner().query("select s.status, p.code from tenant_subscriptions s join plans p on p.id = s.plan_id where s.tenant_id = $1", [tenant().id])).rows[0];
    expect(row).toEqual({ status: "active", code: "growth" });
    await ctx.close();
  });

  it("the platform operator edits a plan in the plan editor: saved, shown again after a reload, audited", async () => {
    const root = `http://${app.rootDomain}`;
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    // First by slug, so it is on the list's first page: its row shows the real subscription, in pt-BR.
    const slug = `a0-${randomUUID().slice(0, 8)}`;
    const id = (await owner().query<{ id: string }>("insert into tenants (slug, name) values ($1, $1) returning id", [slug])).rows[0]!.id;
    await owner().query("insert into tenant_subscriptions (tenant_id, plan_id, status) select $1, id, 'past_due' from plans where code = 'growth'", [id]);
    await owner().query("insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, 'Ana Admin', 'admin', 'x')", [id, `ana@${slug}.test`]);
    await signedIn(page, root, OPERATOR, "/operator");
    const row = page.getByRole("row", { name: new RegExp(slug) });
    await row.getByText("Growth · Pagamento pendente").first().waitFor();
    // The AI switch offers only what applies: "Bloquear" while not blocked, then "Liberar".
    await row.getByText("desligada", { exact: true }).waitFor();
    expect(await row.getByRole("button", { name: "Liberar IA" }).count()).toBe(0);
    await row.getByRole("button", { name: "Bloquear IA" }).click();
    await row.getByText("bloqueada", { exact: true }).waitFor();
    await row.getByRole("button", { name: "Liberar IA" }).waitFor();
    expect(await row.getByRole("button", { name: "Bloquear IA" }).count()).toBe(0);
    // Opened read-only: whose workspace, its people's roles and its audit in pt-BR, not codes.
    await row.getByRole("button", { name: "Abrir (somente leitura)" }).click();
    const opened = page.getByRole("region", { name: "Espaço aberto" });
    await opened.getByRole("heading", { name: `${slug} (somente leitura)` }).waitFor();
    await opened.getByText(`Ana Admin — ana@${slug}.test — Administrador`).waitFor();
    await opened.getByText(/— Espaço aberto pela operação da plataforma$/).first().waitFor();
    await owner().query("delete from tenants where id = $1", [id]);
    // Gone since the list was read: opening it again says so instead of doing nothing.
    await row.getByRole("button", { name: "Abrir (somente leitura)" }).click();
    await page.getByRole("alert").getByText("Espaço de trabalho não encontrado.").waitFor();
    const editor = page.getByTestId("plan-editor");
    await page.getByRole("tab", { name: "Starter" }).click();
    // Prices are typed in centavos; each shows what it is in reais.
    await editor.getByText(/^= R\$\s299,00$/).waitFor();
    const max = editor.getByLabel("Máx. mensagens/mês");
    await expect.poll(() => max.inputValue()).toBe("1000");
    await max.fill("1200");
    await editor.getByRole("button", { name: "Salvar" }).click();
    await page.getByText("Plano salvo.").waitFor();
    // The plan by its name, not its code.
    await page.getByTestId("plan-audit").getByText(/ — Starter — operator@vendaflow\.dev$/).first().waitFor();

    await page.reload();
    await page.getByRole("tab", { name: "Starter" }).click();
    await expect.poll(() => page.getByTestId("plan-editor").getByLabel("Máx. mensagens/mês").inputValue()).toBe("1200");
    const audit = (
      await owner().query(
        "select a.action, a.before->>'max_messages_month' as before, a.after->>'max_messages_month' as after, o.email from platform_audit_logs a join platform_operators o on o.id = a.actor_operator_id where a.entity_type = 'plan' and a.entity_id = 'starter' order by a.created_at desc limit 1",
      )
    ).rows[0];
    expect(audit).toEqual({ action: "plan.updated", before: "1000", after: "1200", email: "operator@vendaflow.dev" });
    await ctx.close();
  });

  it("the operator console names WhatsApp's price categories in pt-BR and shows the plan hint's command as code", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, `http://${app.rootDomain}`, OPERATOR, "/operator");
    const NAMES: Record<string, string> = { marketing: "Marketing", utility: "Utilidade", authentication: "Autenticação", service: "Serviço", marketing_lite: "Marketing lite" };
    const priced = (await owner().query<{ category: string }>("select category from whatsapp_prices order by category")).rows.map((r) => r.category);
    expect(priced).toEqual(expect.arrayContaining(["marketing", "utility", "authentication", "service"]));
    const prices = page.getByRole("region", { name: "Preços do WhatsApp (R$ por mil mensagens)" });
    await prices.getByTestId("operator-price-category").first().waitFor();
    expect(await prices.getByTestId("operator-price-category").allTextContents()).toEqual(priced.map((c) => NAMES[c] ?? c));
    // An added row offers, by name, only the categories not priced yet (nothing is saved here: the rate card is global).
    await prices.getByRole("button", { name: "Adicionar categoria" }).click();
    const offered = await prices.getByRole("combobox", { name: "Categoria" }).locator("option").allTextContents();
    expect(offered).toContain("Marketing lite");
    expect(offered).not.toContain("Marketing");
    expect(offered.some((o) => /^[a-z_]+$/.test(o))).toBe(false);
    const plans = page.getByRole("region", { name: "Planos (catálogo)" });
    await plans.locator("code", { hasText: "pnpm billing:sync" }).waitFor();
    expect(await plans.innerText()).not.toContain("`");
    await ctx.close();
  });

  it("the operator's workspace list goes past its first page of 50", async () => {
    // 51 workspaces that sort before any other slug: the first page is 50 of them, the last waits.
    const prefix = `0${randomUUID().slice(0, 8)}`;
    await owner().query("insert into tenants (slug, name) select $1 || '-' || lpad(i::text, 2, '0'), 'Operação ' || i from generate_series(0, 50) i", [prefix]);
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, `http://${app.rootDomain}`, OPERATOR, "/operator");
    await page.getByRole("cell", { name: `${prefix}-49`, exact: true }).waitFor();
    expect(await page.getByRole("cell", { name: `${prefix}-50`, exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "Carregar mais" }).click();
    await page.getByRole("cell", { name: `${prefix}-50`, exact: true }).waitFor();
    await owner().query("delete from tenants where starts_with(slug, $1)", [prefix]);
    await ctx.close();
  });

  it("the operator's workspace table fits a 375 px phone: no sideways scroll, the name and plan folded under the slug", async () => {
    const ctx = await browser().newContext({ viewport: { width: 375, height: 800 } });
    const page = await ctx.newPage();
    await signedIn(page, `http://${app.rootDomain}`, OPERATOR, "/operator");
    const table = page.getByTestId("operator-tenants");
    const first = table.locator("tbody tr").first();
    await first.getByRole("button", { name: "Abrir (somente leitura)" }).waitFor();
    const widths = await page.evaluate(() => {
      const doc = document.scrollingElement!;
      const t = document.querySelector<HTMLElement>('[data-testid="operator-tenants"]')!;
      return { page: doc.scrollWidth, pageView: doc.clientWidth, table: t.scrollWidth, tableView: t.parentElement!.clientWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.pageView);
    expect(widths.table).toBeLessThanOrEqual(widths.tableView);
    // The name, plan and AI columns hide; their facts sit under the slug instead.
    expect(await table.getByRole("columnheader", { name: "Nome" }).isVisible()).toBe(false);
    const { slug, name } = (await owner().query<{ slug: string; name: string }>("select slug, name from tenants order by slug limit 1")).rows[0]!;
    const cell = (await first.locator("td").first().innerText()).split("\n");
    expect(cell[0]).toBe(slug);
    expect(cell).toContain(name);
    expect(cell.some((l) => l.startsWith("IA:"))).toBe(true);
    await ctx.close();
  });

  it("a tenant admin sees this month's seeded usage charted against the plan's (edited) limit", async () => {
    const u = await createTenant();
    await owner().query("insert into tenant_subscriptions (tenant_id, plan_id, status, trial_ends_at) select $1, id, 'trialing', now() + interval '10 days' from plans where code = 'starter'", [u.id]);
    // 42 bot messages this month: the ledger rows the chart reads and the running total the meter reads.
    for (const [i, n] of [30, 10, 2].entries()) {
      await owner().query("insert into usage_events (tenant_id, meter, period, quantity, source_id, occurred_at) values ($1, 'bot_messages', to_char(now() at time zone 'America/Sao_Paulo', 'YYYY-MM'), $2, $3, now())", [u.id, n, `e2e-${i}`]);
    }
    await owner().query("insert into usage_totals (tenant_id, meter, period, quantity) values ($1, 'bot_messages', to_char(now() at time zone 'America/Sao_Paulo', 'YYYY-MM'), 42)", [u.id]);
    const base = `http://${u.slug}.${app.rootDomain}`;
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, base, u.users.admin, "/billing");
    const chart = page.getByTestId("usage-chart");
    await chart.waitFor();
    expect(await chart.getByRole("img").getAttribute("aria-label")).toBe("Mensagens do bot por dia neste mês: 42 de 1.200");
    expect(await chart.getByTestId("usage-chart-limit").count()).toBe(1);
    expect(await chart.locator("circle").count()).toBe(1);
    expect(await chart.locator("figcaption").textContent()).toContain("1.200");
    await ctx.close();
  });
});
