import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, owner, type FixtureTenant } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// The CRM data tables in Chromium: select rows, tag and move them in bulk on the lead list; hide a
// column, save the view as the default, reload — the view is back; bulk delete contacts.

const { browser, tenant } = e2eSuite();

beforeAll(async () => {
  await owner().query(
    "insert into leads (tenant_id, name, email, source, stage, bant_score) values ($1, 'Carlos Feira', 'carlos@feira.com.br', 'web', 'new', 40), ($1, 'Dora Feira', 'dora@feira.com.br', 'whatsapp', 'new', 70), ($1, 'Eva Outra', 'eva@outra.com.br', 'web', 'new', 10)",
    [tenant().id],
  );
  await owner().query("insert into contacts (tenant_id, name, email) values ($1, 'Fábio Bulk', 'fabio@bulk.com.br'), ($1, 'Gina Bulk', 'gina@bulk.com.br')", [tenant().id]);
});

async function login(page: Page, who: FixtureTenant = tenant()) {
  const base = `http://${who.host}`;
  await signedIn(page, base, who.users.agent, "/");
  return base;
}

const leadRow = (page: Page, name: string) => page.locator('[data-testid="lead-row"]').filter({ hasText: name });

describe("CRM lists in Chromium", () => {
  it("lead list: filter, bulk tag and stage, column chooser and a default saved view that survives a reload", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = await login(page);
    await page.getByRole("link", { name: "Leads", exact: true }).click();
    await page.waitForURL(`${base}/leads`);
    await leadRow(page, "Carlos Feira").waitFor();
    expect(await page.locator('[data-testid="lead-row"]').count()).toBe(3);

    // Search narrows the list; select both, tag them and move them to "Nutrição" in two bulk calls.
    await page.getByRole("searchbox", { name: "Buscar", exact: true }).fill("feira");
    await expect.poll(() => page.locator('[data-testid="lead-row"]').count()).toBe(2);
    await page.getByRole("checkbox", { name: "Selecionar todos desta página" }).check();
    const bar = page.getByTestId("bulk-bar");
    await bar.getByText("2 selecionados").waitFor();
    await bar.getByRole("combobox", { name: "Ações em massa" }).selectOption({ label: "Etiquetar" });
    await bar.getByRole("textbox", { name: "Etiquetar" }).fill("Feira2026");
    await bar.getByRole("button", { name: "Aplicar" }).click();
    await page.getByText("2 registros atualizados.").waitFor();
    await leadRow(page, "Dora Feira").getByText("feira2026").waitFor();

    await page.getByRole("checkbox", { name: "Selecionar Carlos Feira" }).check();
    await page.getByRole("checkbox", { name: "Selecionar Dora Feira" }).check();
    await bar.getByRole("combobox", { name: "Ações em massa" }).selectOption({ label: "Mover etapa" });
    await bar.getByRole("combobox", { name: "Etapa" }).selectOption({ label: "Nutrição" });
    await bar.getByRole("button", { name: "Aplicar" }).click();
    await expect.poll(async () => (await owner().query("select stage, tags from leads where tenant_id = $1 and name like '%Feira' order by name", [tenant().id])).rows).toEqual([
      { stage: "nurture", tags: ["feira2026"] },
      { stage: "nurture", tags: ["feira2026"] },
    ]);
    expect((await owner().query("select stage from leads where tenant_id = $1 and name = 'Eva Outra'", [tenant().id])).rows[0].stage).toBe("new");

    // Hide "Origem", save the view (search included) as the default, reload: columns and search come back.
    await page.getByTestId("column-chooser").locator("summary").click();
    await page.getByTestId("column-chooser").getByRole("checkbox", { name: "Origem" }).uncheck();
    expect(await page.getByRole("columnheader", { name: "Origem" }).count()).toBe(0);
    await page.getByRole("button", { name: "Salvar visão" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Nome da visão").fill("Feira sem origem");
    await dialog.getByRole("checkbox", { name: "Abrir esta lista com esta visão" }).check();
    await dialog.getByRole("button", { name: "Salvar" }).click();
    await page.getByText("Visão salva.").waitFor();

    await page.reload();
    await leadRow(page, "Dora Feira").waitFor();
    await expect.poll(() => page.locator('[data-testid="lead-row"]').count()).toBe(2);
    expect(await page.getByRole("combobox", { name: "Visão" }).locator("option:checked").textContent()).toBe("Feira sem origem");
    expect(await page.getByRole("columnheader", { name: "Origem" }).count()).toBe(0);
    expect(await page.getByRole("columnheader", { name: "Pontuação" }).count()).toBe(1);

    // The lead page: its score and one timeline holding the bulk changes from its audit trail.
    await leadRow(page, "Dora Feira").getByRole("link", { name: "Dora Feira" }).click();
    await page.getByRole("heading", { name: "Dora Feira" }).waitFor();
    expect(await page.getByTestId("lead-bant-score").textContent()).toBe("70");
    await page.getByTestId("lead-score").waitFor();
    // Its two scores each say what they count: the bot's BANT qualification alone, and the lead score beyond it.
    const bantFact = page.locator("dt", { hasText: "Pontuação BANT" }).locator("xpath=following-sibling::dd[1]");
    expect(await bantFact.getByTestId("lead-bant-hint").textContent()).toBe("Só a nota do bot na qualificação (orçamento, autoridade, necessidade, prazo); fica em 0 se o lead não a concluiu.");
    expect(await page.getByTestId("lead-score-hint").textContent()).toContain("Vai além do BANT");
    await page.locator('[data-testid="timeline-item"][data-event="audit:lead.tag"]').filter({ hasText: "Etiqueta adicionada" }).waitFor();
    await page.locator('[data-testid="timeline-item"][data-event="audit:lead.stage"]').waitFor();
    await ctx.close();
  });

  it("contacts: bulk delete the selection in one call", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = await login(page);
    await page.goto(`${base}/contacts`);
    await page.locator('[data-testid="contact-row"]').filter({ hasText: "Gina Bulk" }).waitFor();
    await page.getByRole("checkbox", { name: "Selecionar Fábio Bulk" }).check();
    await page.getByRole("checkbox", { name: "Selecionar Gina Bulk" }).check();
    const bar = page.getByTestId("bulk-bar");
    await bar.getByRole("combobox", { name: "Ações em massa" }).selectOption({ label: "Excluir" });
    await bar.getByRole("button", { name: "Excluir" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Excluir" }).click();
    await page.getByText("2 registros excluídos.").waitFor();
    await expect.poll(() => page.locator('[data-testid="contact-row"]').count()).toBe(0);
    const left = await owner().query("select count(*)::int as n from contacts where tenant_id = $1 and deleted_at is null", [tenant().id]);
    expect(left.rows[0].n).toBe(0);
    await ctx.close();
  });

  it("lead list: custom field and date filters; select all N matching beyond the loaded page, confirm N, one bulk call", async () => {
    const t2 = await createTenant();
    const field = (await owner().query<{ id: string }>("insert into custom_fields (tenant_id, entity_type, label, field_type, options) values ($1, 'lead', 'Segmento', 'select', '[\"Varejo\", \"Indústria\"]') returning id", [t2.id])).rows[0]!.id;
    // 30 "Lote" leads (more than the 25 of a page), 3 of them Varejo; 2 others not matching the search.
    await owner().query(
      `insert into leads (tenant_id, name, source, custom_fields, created_at)
       select $1, 'Lote ' || lpad(g::text, 2, '0'), 'import', case when g <= 3 then jsonb_build_object($2::text, 'Varejo') else '{}'::jsonb end, now() - make_interval(mins => g)
       from generate_series(1, 30) g`,
      [t2.id, field],
    );
    await owner().query("insert into leads (tenant_id, name, source) values ($1, 'Zeca Fora', 'web'), ($1, 'Yara Fora', 'web')", [t2.id]);
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = await login(page, t2);
    await page.goto(`${base}/leads`);
    const rowsShown = () => page.locator('[data-testid="lead-row"]').count();
    await leadRow(page, "Lote 01").waitFor();

    // The creation date boxes carry visible labels, "De" and "Até" (an aria-label alone left a phone
    // two bare boxes), and both fit a 390 px wide screen.
    await page.locator("label", { hasText: /^De$/ }).getByLabel("Criado a partir de").waitFor();
    await page.locator("label", { hasText: /^Até$/ }).getByLabel("Criado até").waitFor();
    const desktop = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const name of ["Criado a partir de", "Criado até"]) {
      const box = (await page.getByLabel(name).boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(390);
      expect(box.width, name).toBeGreaterThan(120);
    }
    await page.setViewportSize(desktop);

    // Custom field value, then a date range that excludes everything, then back.
    await page.getByRole("combobox", { name: "Campo personalizado" }).selectOption({ label: "Segmento" });
    await page.getByRole("combobox", { name: "Valor de Segmento" }).selectOption({ label: "Varejo" });
    await expect.poll(rowsShown).toBe(3);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const ymd = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, "0")}-${String(tomorrow.getDate()).padStart(2, "0")}`;
    await page.getByLabel("Criado a partir de").fill(ymd);
    await expect.poll(rowsShown).toBe(0);
    // Filtered to nothing: the list blames the filters and offers to clear them, not "Nenhum lead ainda."
    const noMatch = page.locator('[data-empty="filtered"]');
    await noMatch.getByText("Nada corresponde aos filtros.").waitFor();
    await noMatch.getByRole("button", { name: "Limpar filtros" }).waitFor();
    await page.getByLabel("Criado a partir de").fill("");
    await page.getByLabel("Criado até").fill(ymd);
    await expect.poll(rowsShown).toBe(3);
    await page.getByRole("combobox", { name: "Campo personalizado" }).selectOption({ label: "Qualquer campo personalizado" });

    // Search "lote": 25 loaded of 30. Tick the page, extend to all 30, tag them after confirming 30.
    await page.getByRole("searchbox", { name: "Buscar", exact: true }).fill("lote");
    await expect.poll(rowsShown).toBe(25);
    await page.getByRole("checkbox", { name: "Selecionar todos desta página" }).check();
    const bar = page.getByTestId("bulk-bar");
    await bar.getByText("25 selecionados").waitFor();
    await bar.getByTestId("bulk-select-all").click();
    await bar.getByText("Todos os 30 registros do filtro estão selecionados").waitFor();
    await bar.getByRole("combobox", { name: "Ações em massa" }).selectOption({ label: "Etiquetar" });
    await bar.getByRole("textbox", { name: "Etiquetar" }).fill("lote-todo");
    await bar.getByRole("button", { name: "Aplicar" }).click();
    const asked = page.getByRole("alertdialog");
    await asked.getByText("Etiquetar: aplicar a todos os 30 registros que correspondem ao filtro atual?").waitFor();
    await asked.getByRole("button", { name: "Aplicar" }).click();
    await page.getByText("30 registros atualizados.").waitFor();
    const tagged = await owner().query("select name from leads where tenant_id = $1 and 'lote-todo' = any(tags) order by name", [t2.id]);
    expect(tagged.rows.map((r) => r.name)).toEqual(Array.from({ length: 30 }, (_, i) => `Lote ${String(i + 1).padStart(2, "0")}`));
    await ctx.close();
  });

  it("deal list: a view saved under a company's filter leaves that filter out, and showing a view keeps it on screen", async () => {
    const tid = tenant().id;
    const stage = (await owner().query<{ id: string; pipeline_id: string }>("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default where s.tenant_id = $1 order by s.position limit 1", [tid])).rows[0]!;
    const company = async (name: string) => (await owner().query<{ id: string }>("insert into companies (tenant_id, name) values ($1, $2) returning id", [tid, name])).rows[0]!.id;
    const azul = await company("Obra Azul");
    const verde = await company("Obra Verde");
    for (const [title, co] of [["Reforma Azul", azul], ["Reforma Verde", verde]] as const) {
      await owner().query("insert into deals (tenant_id, pipeline_id, stage_id, company_id, title, probability) values ($1, $2, $3, $4, $5, 10)", [tid, stage.pipeline_id, stage.id, co, title]);
    }
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = await login(page);
    const rows = page.getByTestId("deal-row");
    const chip = page.getByTestId("record-filter").filter({ hasText: "Empresa: Obra Azul" });

    // Reached from the company's page: its deals, searched, saved as a view.
    await page.goto(`${base}/deals?view=list&company=${azul}`);
    await chip.waitFor();
    await page.getByRole("searchbox", { name: "Buscar", exact: true }).fill("Reforma");
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining("Reforma Azul")]);
    await page.getByRole("button", { name: "Salvar visão" }).click();
    await page.getByRole("dialog").getByLabel("Nome da visão").fill("Reformas");
    await page.getByRole("dialog").getByRole("button", { name: "Salvar" }).click();
    await page.getByText("Visão salva.").waitFor();
    // The view holds the search, not the company: the way here is no part of it.
    const saved = await owner().query("select config from saved_views where tenant_id = $1 and name = 'Reformas'", [tid]);
    expect(saved.rows[0].config.filters).toEqual({ q: "Reforma" });
    expect(await chip.count()).toBe(1);

    // Showing the view again keeps the company on screen; without it, the view lists both companies' deals.
    const views = page.getByRole("combobox", { name: "Visão" });
    await views.selectOption({ label: "Padrão" });
    await views.selectOption({ label: "Reformas" });
    await chip.waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await chip.getByRole("button", { name: "Remover filtro Empresa: Obra Azul" }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await ctx.close();
  });
});
