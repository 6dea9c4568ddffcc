import { describe, expect, it } from "vitest";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// The automations page in Chromium: an admin creates one (trigger, a condition, an action), it is
// listed; a won deal runs it and the run log shows it; an agent has no such page.

const { browser, tenant } = e2eSuite();

describe("Automations in Chromium", () => {
  it("admin creates an automation, a won deal runs it, the run log shows it", async () => {
    const base = `http://${tenant().host}`;
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, base, tenant().users.admin, "/");
    await page.getByRole("link", { name: "Automações" }).click();
    await page.waitForURL(`${base}/automations`);

    // The empty list repeats the header's button; wait for it so the click is not racing the list's load.
    await page.getByText("Nenhuma automação ainda.").waitFor();
    await page.getByTestId("new-automation").first().click();
    const form = page.getByTestId("automation-form");
    await form.getByLabel("Nome").fill("Cliente novo");
    await form.getByLabel("Quando").selectOption("deal_won");
    await form.getByRole("button", { name: "Adicionar condição" }).click();
    // Fields and values in pt-BR: money typed in reais, stored in cents.
    await form.getByLabel("Campo").selectOption({ label: "Valor do negócio" });
    await form.getByLabel("Operador").selectOption({ label: "maior ou igual a" });
    await form.getByLabel("Valor").first().fill("5.000,00");
    await form.getByLabel("1.").selectOption("add_tag");
    await form.getByLabel("Etiqueta").fill("cliente");
    await form.getByRole("button", { name: "Salvar" }).click();
    const item = page.locator('[data-testid="automation"][data-name="Cliente novo"]');
    await item.waitFor();
    const saved = (await owner().query("select trigger, conditions, actions from automations where tenant_id = $1", [tenant().id])).rows[0];
    expect(saved).toEqual({ trigger: "deal_won", conditions: [{ field: "value_cents", op: "gte", value: 500_000 }], actions: [{ type: "add_tag", tag: "cliente" }] });

    // Reopened, the condition reads R$ 5.000,00 again.
    await item.getByRole("button", { name: "Editar" }).click();
    const again = page.getByTestId("automation-form");
    expect(await again.getByLabel("Campo").evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe("Valor do negócio");
    expect(await again.getByLabel("Valor").first().inputValue()).toBe("5.000,00");
    await again.getByRole("button", { name: "Cancelar" }).click();

    // A won deal of R$ 5.000,00 runs it.
    const deal = (await owner().query("insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability) select $1, p.id, s.id, 'Pedido', 500000, s.probability from pipelines p join pipeline_stages s on s.pipeline_id = p.id where p.tenant_id = $1 and p.is_default order by s.position limit 1 returning id", [tenant().id])).rows[0].id;
    const res = await page.evaluate(async (id) => (await fetch("/api/trpc/crm.deals.win", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: { id } }) })).status, deal);
    expect(res).toBe(200);
    await expect.poll(async () => (await owner().query("select tags from deals where id = $1", [deal])).rows[0].tags, { timeout: 20_000 }).toEqual(["cliente"]);
    await item.getByRole("button", { name: "Histórico de execuções" }).click();
    await expect.poll(() => item.getByTestId("run-row").first().getAttribute("data-status"), { timeout: 10_000 }).toBe("succeeded");
    await ctx.close();

    // Agents have no automations page.
    const agentCtx = await browser().newContext();
    const ap = await agentCtx.newPage();
    await signedIn(ap, base, tenant().users.agent, "/");
    expect(await ap.getByRole("link", { name: "Automações" }).count()).toBe(0);
    await ap.goto(`${base}/automations`);
    await ap.getByText("Sem acesso a esta página").waitFor();
    await agentCtx.close();
  });
});
