import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// The CRM in Chromium: create a deal from the board, drag it to another stage, reload — it stays,
// the stage totals follow it in BRL, the timeline logged the move; delete it and undo.

const { browser, tenant } = e2eSuite();

const column = (page: Page, stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
const card = (page: Page, stage: string, title: string) => column(page, stage).locator(`[data-testid="deal-card"][data-title="${title}"]`);

/** Drags with the mouse in small steps, as a person does (dnd-kit starts after a few pixels). */
async function drag(page: Page, from: ReturnType<Page["locator"]>, to: ReturnType<Page["locator"]>) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + 12);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + 20, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + 60, { steps: 20 });
  await page.mouse.up();
}

describe("CRM in Chromium", () => {
  it("drag a deal on the kanban, reload, it stays", async () => {
    const base = `http://${tenant().host}`;
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, base, tenant().users.agent, "/");
    await page.getByRole("link", { name: "Negócios" }).click();
    await page.waitForURL(`${base}/deals`);
    await page.getByTestId("deal-board").waitFor();
    expect(await page.getByTestId("board-column").evaluateAll((els) => els.map((e) => e.getAttribute("data-stage")))).toEqual(["Novo", "Qualificado", "Proposta", "Negociação", "Ganho", "Perdido"]);

    // Create one through the dialog: R$ 12.500,00 in the first stage.
    await page.getByTestId("new-deal").click();
    const form = page.getByTestId("deal-form");
    await form.getByLabel("Título").fill("Plano anual Padaria Sol");
    await form.getByLabel("Valor (R$)").fill("12.500,00");
    await form.getByRole("button", { name: "Salvar" }).click();
    await card(page, "Novo", "Plano anual Padaria Sol").waitFor();
    await expect.poll(() => column(page, "Novo").getByTestId("stage-total").textContent()).toMatch(/1 negócio · R\$\s12\.500,00/);

    await drag(page, card(page, "Novo", "Plano anual Padaria Sol"), column(page, "Proposta"));
    await card(page, "Proposta", "Plano anual Padaria Sol").waitFor();
    await expect.poll(async () => (await owner().query("select s.name from deals d join pipeline_stages s on s.id = d.stage_id where d.tenant_id = $1", [tenant().id])).rows[0]?.name).toBe("Proposta");

    await page.reload();
    await card(page, "Proposta", "Plano anual Padaria Sol").waitFor();
    expect(await card(page, "Novo", "Plano anual Padaria Sol").count()).toBe(0);
    expect(await column(page, "Proposta").getByTestId("stage-total").textContent()).toMatch(/1 negócio · R\$\s12\.500,00/);
    expect(await column(page, "Novo").getByTestId("stage-total").textContent()).toMatch(/0 negócios · R\$\s0,00/);

    // The deal page shows the stage, the value in BRL and the move in its timeline.
    await card(page, "Proposta", "Plano anual Padaria Sol").getByRole("link").click();
    await page.getByTestId("deal-stage").filter({ hasText: "Proposta" }).waitFor();
    expect(await page.getByTestId("deal-value").textContent()).toMatch(/R\$\s12\.500,00/);
    await page.locator('[data-testid="timeline-item"][data-event="stage_changed"]').filter({ hasText: "Novo → Proposta" }).waitFor();

    // Delete, then undo from the toast: it is back on the board.
    await page.getByRole("button", { name: "Excluir" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Excluir" }).click();
    await page.getByTestId("undo-delete").click();
    await expect.poll(async () => (await owner().query("select deleted_at from deals where tenant_id = $1", [tenant().id])).rows[0]?.deleted_at ?? null).toBeNull();
    await page.goto(`${base}/deals`);
    await card(page, "Proposta", "Plano anual Padaria Sol").waitFor();
    await ctx.close();
  });

  it("companies and contacts: create through the dialogs, list, detail, delete and undo", async () => {
    const base = `http://${tenant().host}`;
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, base, tenant().users.agent, "/companies");

    await page.getByRole("button", { name: "Nova empresa" }).first().click();
    let dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Nome/).fill("Padaria Sol Ltda");
    await dialog.getByLabel(/^Domínio/).fill("padariasol.com.br");
    await dialog.getByRole("button", { name: "Salvar" }).click();
    const companyRow = page.locator('[data-testid="company-row"]').filter({ hasText: "Padaria Sol Ltda" });
    await companyRow.waitFor();
    expect(await companyRow.textContent()).toContain("padariasol.com.br");

    await page.goto(`${base}/contacts`);
    await page.getByRole("button", { name: "Novo contato" }).first().click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Nome/).fill("Joana Sol");
    await dialog.getByLabel(/^E-mail/).fill("joana@padariasol.com.br");
    // The company link is a search: type part of the name, pick the match with Enter.
    const company = dialog.getByRole("combobox", { name: "Empresa" });
    await company.fill("padaria");
    await dialog.getByRole("option", { name: "Padaria Sol Ltda", selected: true }).waitFor();
    await company.press("Enter");
    expect(await company.inputValue()).toBe("Padaria Sol Ltda");
    await dialog.getByRole("button", { name: "Salvar" }).click();
    const contactRow = page.locator('[data-testid="contact-row"]').filter({ hasText: "Joana Sol" });
    await contactRow.waitFor();
    expect(await contactRow.textContent()).toContain("Padaria Sol Ltda");

    // The company page lists its contact.
    await contactRow.getByRole("link", { name: "Padaria Sol Ltda" }).click();
    await page.getByRole("heading", { name: "Padaria Sol Ltda" }).waitFor();
    await page.getByRole("link", { name: "Joana Sol" }).waitFor();
    // Its deals card says so when their list fails to load (not an empty card), and "Tentar novamente" loads it.
    const companyUrl = page.url();
    const failDeals = /\/api\/trpc\/[^?]*crm\.deals\.list/;
    await page.route(failDeals, (r) => r.fulfill({ status: 500, contentType: "application/json", body: "[]" }));
    await page.goto(companyUrl);
    const dealsCard = page.locator('[data-testid="link-list-card"][data-title="Negócios"]');
    await dealsCard.getByRole("alert").filter({ hasText: "Não foi possível carregar os dados." }).waitFor();
    await page.unroute(failDeals);
    await dealsCard.getByRole("button", { name: "Tentar novamente" }).click();
    await dealsCard.getByText("—", { exact: true }).waitFor();
    expect(await dealsCard.getByRole("alert").count()).toBe(0);

    // The contact's page (its view loads on demand): the edit dialog saves, the header shows the change.
    await page.getByRole("link", { name: "Joana Sol" }).click();
    await page.getByRole("heading", { name: "Joana Sol" }).waitFor();
    await page.getByRole("button", { name: "Editar", exact: true }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Cargo/).fill("Gerente de compras");
    await dialog.getByRole("button", { name: "Salvar" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Gerente de compras").waitFor();

    // Delete from the list, undo from the toast.
    await page.goto(`${base}/contacts`);
    await page.getByRole("button", { name: "Excluir Joana Sol" }).click();
    // Cancelar leaves it; the dialog's Excluir deletes it.
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancelar" }).click();
    await page.getByRole("alertdialog").waitFor({ state: "hidden" });
    expect((await owner().query("select deleted_at is null as kept from contacts where tenant_id = $1 and name = 'Joana Sol'", [tenant().id])).rows.map((r) => r.kept)).toEqual([true]);
    await page.getByRole("button", { name: "Excluir Joana Sol" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Excluir" }).click();
    await expect.poll(async () => (await owner().query("select deleted_at is not null as gone from contacts where tenant_id = $1 and name = 'Joana Sol'", [tenant().id])).rows.map((r) => r.gone)).toEqual([true]);
    await page.getByTestId("undo-delete").click();
    await page.getByText("Restaurado.").waitFor();
    // One row, restored. (`rows[0]?.deleted_at ?? "missing"` read a restored row's null as "missing".)
    await expect
      .poll(async () => (await owner().query("select deleted_at from contacts where tenant_id = $1 and name = 'Joana Sol'", [tenant().id])).rows.map((r) => r.deleted_at))
      .toEqual([null]);
    await ctx.close();
  });

  it("deal dialog: links a company older than the latest 100 through the search, keeps the link on edit", async () => {
    const base = `http://${tenant().host}`;
    // 150 recent companies, and one from two years ago that no first page of the list reaches.
    await owner().query("insert into companies (tenant_id, name, created_at) select $1, 'Filial Recente ' || g, now() - g * interval '1 minute' from generate_series(1, 150) g", [tenant().id]);
    const old = (await owner().query<{ id: string }>("insert into companies (tenant_id, name, created_at) values ($1, 'Cerâmica Antiga Ltda', now() - interval '2 years') returning id", [tenant().id])).rows[0]!.id;
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, base, tenant().users.agent, "/deals");
    await page.getByTestId("deal-board").waitFor();

    await page.getByTestId("new-deal").click();
    let form = page.getByTestId("deal-form");
    await form.getByLabel("Título").fill("Revestimento Cerâmica Antiga");
    let company = form.getByRole("combobox", { name: "Empresa" });
    expect(await company.getAttribute("aria-expanded")).toBe("false");
    // Escape closes the picker, not the dialog; the field stays without a company.
    await company.fill("cerami");
    expect(await company.getAttribute("aria-expanded")).toBe("true");
    await form.getByRole("option", { name: "Cerâmica Antiga Ltda" }).waitFor();
    await company.press("Escape");
    expect(await company.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("dialog").isVisible()).toBe(true);
    expect(await company.inputValue()).toBe("");
    // Accents and case aside, a word's beginning finds it; ArrowDown/ArrowUp move, Enter picks.
    await company.pressSequentially("ceramica ant");
    await form.getByRole("option", { name: "Cerâmica Antiga Ltda", selected: true }).waitFor();
    await company.press("ArrowDown");
    await company.press("ArrowUp");
    await form.getByRole("option", { name: "Cerâmica Antiga Ltda", selected: true }).waitFor();
    await company.press("Enter");
    expect(await company.inputValue()).toBe("Cerâmica Antiga Ltda");
    expect(await company.getAttribute("aria-expanded")).toBe("false");
    // A search without matches says so.
    const contact = form.getByRole("combobox", { name: "Contato" });
    await contact.fill("zzzz inexistente");
    await form.getByText("Nada encontrado para “zzzz inexistente”.").waitFor();
    await contact.press("Escape");
    await form.getByRole("button", { name: "Salvar" }).click();
    await card(page, "Novo", "Revestimento Cerâmica Antiga").waitFor();
    const linked = async () => (await owner().query("select company_id, contact_id from deals where tenant_id = $1 and title = 'Revestimento Cerâmica Antiga'", [tenant().id])).rows[0];
    expect(await linked()).toEqual({ company_id: old, contact_id: null });

    // The deal page shows the company; the edit dialog shows it by name and saving keeps it.
    await card(page, "Novo", "Revestimento Cerâmica Antiga").getByRole("link").click();
    await page.getByRole("link", { name: "Cerâmica Antiga Ltda" }).waitFor();
    await page.getByRole("button", { name: "Editar", exact: true }).click();
    form = page.getByTestId("deal-form");
    company = form.getByRole("combobox", { name: "Empresa" });
    expect(await company.inputValue()).toBe("Cerâmica Antiga Ltda");
    await form.getByLabel("Título").fill("Revestimento Cerâmica Antiga II");
    await form.getByRole("button", { name: "Salvar" }).click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await expect.poll(async () => (await owner().query("select title, company_id from deals where id = (select id from deals where tenant_id = $1 and title like 'Revestimento%')", [tenant().id])).rows[0]).toEqual({ title: "Revestimento Cerâmica Antiga II", company_id: old });

    // Clearing is explicit: the clear button, then saving, unlinks it.
    await page.getByRole("button", { name: "Editar", exact: true }).click();
    form = page.getByTestId("deal-form");
    await form.getByRole("button", { name: "Remover vínculo: Empresa" }).click();
    expect(await form.getByRole("combobox", { name: "Empresa" }).inputValue()).toBe("");
    await form.getByRole("button", { name: "Salvar" }).click();
    await expect.poll(async () => (await owner().query("select company_id from deals where tenant_id = $1 and title like 'Revestimento%'", [tenant().id])).rows[0]?.company_id).toBeNull();
    await ctx.close();
  });

  it("a deal's expected close date is its own calendar day in any browser time zone", async () => {
    const base = `http://${tenant().host}`;
    const stage = (await owner().query("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [tenant().id])).rows[0];
    const id = (await owner().query<{ id: string }>("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, expected_close_date) values ($1, $2, $3, 'Virada de ano', 10, '2027-01-01') returning id", [tenant().id, stage.pipeline_id, stage.id])).rows[0]!.id;
    // UTC+14 and UTC−11: a day read as midnight in UTC or in Brasília lands on another day in one of them.
    for (const timezoneId of ["Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
      const ctx = await browser().newContext({ locale: "pt-BR", timezoneId });
      const page = await ctx.newPage();
      await signedIn(page, base, tenant().users.agent, `/deals/${id}`);
      await page.getByRole("heading", { name: "Virada de ano" }).waitFor();
      expect(await page.getByTestId("deal-expected-close").textContent()).toBe("01/01/2027");
      await ctx.close();
    }
  });

  it("a company's contacts and deals cards say when they show only the newest 100; \"Ver todos\" lists every one, filtered to the record", async () => {
    const base = `http://${tenant().host}`;
    const stage = (await owner().query("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [tenant().id])).rows[0];
    const big = (await owner().query<{ id: string }>("insert into companies (tenant_id, name) values ($1, 'Atacado Cem Mais') returning id", [tenant().id])).rows[0]!.id;
    await owner().query("insert into contacts (tenant_id, company_id, name, created_at) select $1, $2, 'Comprador ' || g, now() - g * interval '1 minute' from generate_series(1, 101) g", [tenant().id, big]);
    await owner().query("insert into deals (tenant_id, pipeline_id, stage_id, company_id, title, probability, created_at) select $1, $2, $3, $4, 'Pedido ' || g, 10, now() - g * interval '1 minute' from generate_series(1, 101) g", [tenant().id, stage.pipeline_id, stage.id, big]);
    // One more of its deals in a second pipeline (the oldest: the card leaves it out, the list has it).
    const pipeline2 = (await owner().query<{ id: string }>("insert into pipelines (tenant_id, name) values ($1, 'Funil de revenda') returning id", [tenant().id])).rows[0]!.id;
    const stage2 = (await owner().query<{ id: string }>("insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability) values ($1, $2, 'Revenda nova', 0, 10) returning id", [tenant().id, pipeline2])).rows[0]!.id;
    await owner().query("insert into deals (tenant_id, pipeline_id, stage_id, company_id, title, probability, created_at) values ($1, $2, $3, $4, 'Pedido revenda', 10, now() - interval '1 day')", [tenant().id, pipeline2, stage2, big]);
    const small = (await owner().query<{ id: string }>("insert into companies (tenant_id, name) values ($1, 'Atacado Cem Exato') returning id", [tenant().id])).rows[0]!.id;
    await owner().query("insert into contacts (tenant_id, company_id, name) select $1, $2, 'Vendedor ' || g from generate_series(1, 100) g", [tenant().id, small]);
    // A contact of the big company with two deals of its own (the company's other deals are not the contact's).
    const buyer = (await owner().query<{ id: string }>("select id from contacts where tenant_id = $1 and name = 'Comprador 1'", [tenant().id])).rows[0]!.id;
    await owner().query("update deals set contact_id = $2 where tenant_id = $1 and title in ('Pedido 1', 'Pedido 2')", [tenant().id, buyer]);
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, base, tenant().users.agent, `/companies/${big}`);
    const cardOf = (title: string) => page.locator(`[data-testid="link-list-card"][data-title="${title}"]`);
    // The items' links (the card's "Ver todos" is not one).
    const itemLinks = (title: string) => cardOf(title).locator("li").getByRole("link");
    for (const title of ["Contatos", "Negócios"]) {
      await cardOf(title).getByTestId("link-list-capped").filter({ hasText: "Mostrando os 100 mais recentes." }).waitFor();
      expect(await itemLinks(title).count()).toBe(100);
    }
    // The newest first: the oldest one is the one left out.
    expect(await cardOf("Contatos").getByRole("link", { name: "Comprador 101", exact: true }).count()).toBe(0);

    /** Every row of the list, "Carregar mais" clicked until it is gone. */
    const allRows = async (testId: string) => {
      const rows = page.getByTestId(testId);
      await rows.first().waitFor();
      const more = page.getByRole("button", { name: "Carregar mais" });
      for (let seen = await rows.count(); await more.isVisible(); seen = await rows.count()) {
        await more.click();
        await expect.poll(() => rows.count()).toBeGreaterThan(seen);
      }
      // The last page loaded: nothing more to ask for.
      await more.waitFor({ state: "hidden" });
      return rows.allTextContents();
    };

    // Contacts: all 101, the company's only, under a chip that names it.
    // A long card says "Ver todos" under its list too, to the same list; a short one only at its top.
    expect(await cardOf("Contatos").getByRole("link", { name: "Ver todos: Contatos" }).count()).toBe(2);
    await cardOf("Contatos").getByTestId("link-list-all-foot").click();
    await page.waitForURL(`${base}/contacts?company=${big}`);
    const chip = page.getByTestId("record-filter");
    await chip.filter({ hasText: "Empresa: Atacado Cem Mais" }).waitFor();
    const contacts = await allRows("contact-row");
    expect(contacts).toHaveLength(101);
    expect(contacts.every((r) => r.includes("Comprador ") && r.includes("Atacado Cem Mais"))).toBe(true);
    expect(contacts.some((r) => r.includes("Comprador 101"))).toBe(true);
    // × clears it: the address and the list follow, the other company's contacts are back.
    await chip.getByRole("button", { name: "Remover filtro Empresa: Atacado Cem Mais" }).click();
    await page.getByTestId("contact-row").filter({ hasText: "Vendedor " }).first().waitFor();
    expect(await chip.count()).toBe(0);
    await expect.poll(() => new URL(page.url()).searchParams.has("company")).toBe(false);

    // Deals: all 102, the other pipeline's too, in the list view.
    await page.goto(`${base}/companies/${big}`);
    await cardOf("Negócios").getByTestId("link-list-all").click();
    await page.waitForURL(`${base}/deals?view=list&company=${big}`);
    await chip.filter({ hasText: "Empresa: Atacado Cem Mais" }).waitFor();
    await page.getByTestId("deals-all-pipelines").filter({ hasText: "Em todos os funis." }).waitFor();
    const deals = await allRows("deal-row");
    expect(deals).toHaveLength(102);
    expect(deals.every((r) => r.includes("Pedido ") && r.includes("Atacado Cem Mais"))).toBe(true);
    expect(deals.some((r) => r.includes("Pedido revenda"))).toBe(true);

    // A contact's deals: its two, not its company's others.
    await page.goto(`${base}/contacts/${buyer}`);
    await cardOf("Negócios").getByRole("link", { name: "Ver todos: Negócios" }).waitFor();
    expect(await cardOf("Negócios").getByTestId("link-list-all-foot").count()).toBe(0);
    await cardOf("Negócios").getByRole("link", { name: "Ver todos: Negócios" }).click();
    await page.waitForURL(`${base}/deals?view=list&contact=${buyer}`);
    await chip.filter({ hasText: "Contato: Comprador 1" }).waitFor();
    expect((await allRows("deal-row")).map((r) => r.match(/Pedido \d+/)?.[0]).sort()).toEqual(["Pedido 1", "Pedido 2"]);

    // Exactly 100 is all of them: no note, and "Ver todos" all the same.
    await page.goto(`${base}/companies/${small}`);
    await expect.poll(() => itemLinks("Contatos").count()).toBe(100);
    expect(await page.getByTestId("link-list-capped").count()).toBe(0);
    await cardOf("Contatos").getByTestId("link-list-all").waitFor();
    await cardOf("Contatos").getByTestId("link-list-all-foot").waitFor();
    // No deals: nothing to see all of.
    await cardOf("Negócios").getByText("—", { exact: true }).waitFor();
    expect(await cardOf("Negócios").getByTestId("link-list-all").count()).toBe(0);
    await ctx.close();
  });
});
