import { beforeAll, describe, expect, it } from "vitest";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// The deals board in Chromium: the "Responsável" filter narrows the cards and the column totals and
// stays in the address (a reload keeps it); a column with more than a page shows "Carregar mais".

const { browser, tenant } = e2eSuite();

beforeAll(async () => {
  const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };
  const tid = tenant().id;
  await q("update users set name = 'Alice Vendas' where id = $1 returning id", [tenant().users.agent.id]);
  await q("update users set name = 'Beto Gestor' where id = $1 returning id", [tenant().users.admin.id]);
  await owner().query("delete from pipelines where tenant_id = $1", [tid]);
  const p = (await q("insert into pipelines (tenant_id, name, is_default) values ($1, 'Vendas', true) returning id", [tid])).id;
  const proposal = (await q("insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability) values ($1, $2, 'Proposta', 0, 50) returning id", [tid, p])).id;
  const lead = (await q("insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability) values ($1, $2, 'Contato', 1, 10) returning id", [tid, p])).id;
  await q("insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, owner_id) values ($1, $2, $3, 'Obra da Alice', 150000, 50, $4) returning id", [tid, p, proposal, tenant().users.agent.id]);
  await q("insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, owner_id) values ($1, $2, $3, 'Obra do Beto', 250000, 50, $4) returning id", [tid, p, proposal, tenant().users.admin.id]);
  // 55 of Beto's in "Contato": more than the board's first page of 50.
  await owner().query(
    "insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, owner_id, stage_changed_at) select $1, $2, $3, 'Contato ' || n, 1000, 10, $4, timestamptz '2026-11-01 12:00Z' + n * interval '1 minute' from generate_series(1, 55) as n",
    [tid, p, lead, tenant().users.admin.id],
  );
});

describe("deals board in Chromium", () => {
  it("the owner filter narrows the board and its totals, and stays in the address; 'Carregar mais' brings the rest of a column", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.admin, "/deals");
    const proposal = page.locator('[data-testid="board-column"][data-stage="Proposta"]');
    const contact = page.locator('[data-testid="board-column"][data-stage="Contato"]');
    await proposal.getByTestId("deal-card").filter({ hasText: "Obra do Beto" }).waitFor();
    expect(await proposal.getByTestId("deal-card").count()).toBe(2);
    expect(await proposal.getByTestId("stage-total").innerText()).toMatch(/^2 negócios · R\$\s?4\.000,00$/);

    // "Carregar mais" on the column holding 55: 50, then all 55.
    await expect.poll(() => contact.getByTestId("deal-card").count()).toBe(50);
    await contact.getByRole("button", { name: "Carregar mais (5 restantes)" }).click();
    await expect.poll(() => contact.getByTestId("deal-card").count()).toBe(55);
    expect(await contact.getByTestId("board-load-more").count()).toBe(0);

    await page.getByRole("combobox", { name: "Responsável" }).selectOption({ label: "Alice Vendas" });
    await page.waitForURL((u) => u.searchParams.get("owner") === tenant().users.agent.id);
    await expect.poll(() => proposal.getByTestId("deal-card").count()).toBe(1);
    await proposal.getByTestId("deal-card").filter({ hasText: "Obra da Alice" }).waitFor();
    expect(await proposal.getByTestId("stage-total").innerText()).toMatch(/^1 negócio · R\$\s?1\.500,00$/);
    expect(await contact.getByTestId("deal-card").count()).toBe(0);

    await page.reload();
    await proposal.getByTestId("deal-card").filter({ hasText: "Obra da Alice" }).waitFor();
    expect(await proposal.getByTestId("deal-card").count()).toBe(1);
    expect(await page.getByRole("combobox", { name: "Responsável" }).inputValue()).toBe(tenant().users.agent.id);

    // The search narrows it further, and clearing the filters brings everything back.
    await page.getByRole("searchbox", { name: "Buscar no quadro" }).fill("beto");
    await expect.poll(() => proposal.getByTestId("deal-card").count()).toBe(0);
    await page.getByRole("button", { name: "Limpar filtros" }).click();
    await expect.poll(() => proposal.getByTestId("deal-card").count()).toBe(2);
    await page.waitForURL((u) => !u.searchParams.has("owner") && !u.searchParams.has("q"));
    await ctx.close();
  });
});
