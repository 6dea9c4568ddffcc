import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// A sales manager's week on a laptop (1366×768, mouse and keyboard) and a phone (390×844): the lead
// list exported as Excel in Brazil opens it, each chart's numbers readable as a table, one São
// Paulo day counted alike on the dashboard and the lead list whatever zone the laptop is in, the
// dashboard's period still there after Back and moving on at midnight, a kanban mis-click undone from the toast, whose each
// of the week's meetings is, and the main screens on a phone without sideways scrolling.

const { browser, tenant } = e2eSuite();
let base: string;
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const WAIT = { timeout: 10_000 };

beforeAll(async () => {
  base = `http://${tenant().host}`;
  const lead = (name: string, at: string) => owner().query("insert into leads (tenant_id, name, source, stage, created_at) values ($1, $2, 'web', 'qualified', $3)", [tenant().id, name, at]);
  // São Paulo: 09/11 23:30, 10/11 09:00 and 11/11 00:30. In Manaus (UTC-4) the last one is still the 10th.
  await lead("Lead da véspera", "2026-11-10T02:30:00Z");
  await lead("Lead do dia", "2026-11-10T12:00:00Z");
  await lead("Lead da madrugada", "2026-11-11T03:30:00Z");
  const stage = (name: string) => owner().query<{ id: string; pipeline_id: string }>("select id, pipeline_id from pipeline_stages where tenant_id = $1 and name = $2", [tenant().id, name]).then((r) => r.rows[0]!);
  const proposal = await stage("Proposta");
  await owner().query("insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, status) values ($1, $2, $3, 'Contrato Hotel Beira-Mar', 4800050, 50, 'open')", [tenant().id, proposal.pipeline_id, proposal.id]);
  // This week's meetings (they start now): one held by the admin's deal, one the lead missed.
  const leadId = (await owner().query<{ id: string }>("select id from leads where tenant_id = $1 and name = 'Lead do dia'", [tenant().id])).rows[0]!.id;
  const qualified = await stage("Qualificado");
  const ownDeal = (await owner().query<{ id: string }>("insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, status, owner_id, lead_id) values ($1, $2, $3, 'Plano Lead do dia', 150000, 25, 'open', $4, $5) returning id", [tenant().id, qualified.pipeline_id, qualified.id, tenant().users.admin.id, leadId])).rows[0]!.id;
  for (const [ext, status] of [["m-held", "scheduled"], ["m-missed", "no_show"]]) {
    await owner().query("insert into meetings (tenant_id, provider, external_id, lead_id, deal_id, title, starts_at, ends_at, status) values ($1, 'calendly', $2, $3, $4, 'Demonstração', now(), now() + interval '30 minutes', $5)", [tenant().id, ext, leadId, ownDeal, status]);
  }
});

const deal = async () =>
  (await owner().query<{ stage: string; status: string; won_at: Date | null; lost_at: Date | null }>("select s.name as stage, d.status, d.won_at, d.lost_at from deals d join pipeline_stages s on s.id = d.stage_id where d.tenant_id = $1 and d.title = 'Contrato Hotel Beira-Mar'", [tenant().id])).rows[0];

/** True when the page scrolls sideways (something wider than the screen). */
const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

let managerSession: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;

/** The manager (the admin) on the dashboard: one sign-in for the file (login:email allows 5 in 15 minutes). */
async function managerPage(options: Parameters<Browser["newContext"]>[0]) {
  const ctx = await browser().newContext({ ...options, storageState: managerSession });
  const page = await ctx.newPage();
  if (managerSession) await page.goto(`${base}/`);
  else {
    await signedIn(page, base, tenant().users.admin, "/");
    managerSession = await ctx.storageState();
  }
  return { ctx, page };
}

describe("a sales manager's week", () => {
  it("exports the lead list's current filter, every row of it, as Excel pt-BR opens a CSV", async () => {
    const { ctx, page } = await managerPage({ viewport: LAPTOP, acceptDownloads: true });
    await page.getByRole("link", { name: "Leads", exact: true }).click();
    await page.waitForURL(`${base}/leads`);
    await expect.poll(() => page.getByTestId("lead-row").count(), WAIT).toBe(3);
    await page.getByRole("searchbox", { name: "Buscar", exact: true }).fill("Lead do dia");
    await expect.poll(() => page.getByTestId("lead-row").count(), WAIT).toBe(1);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const lines = (await readFile((await download.path())!, "utf8")).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("\ufeffID;Nome;E-mail;Telefone;Empresa;Origem;Etapa;Pontuação;Etiquetas;Criado em");
    expect(lines.slice(1).map((l) => l.split(";").slice(1))).toEqual([["Lead do dia", "", "", "", "Site", "Qualificado", "0", "", "10/11/2026 09:00"]]);
    await ctx.close();
  });

  it("shows each chart's numbers as a table, money in reais with cents", async () => {
    const { ctx, page } = await managerPage({ viewport: LAPTOP });
    const sales = page.getByTestId("numbers-salesFunnel");
    await sales.locator("summary").click();
    await expect.poll(() => sales.getByRole("row").filter({ hasText: "Proposta" }).innerText(), WAIT).toBe("Proposta\tAberta\t1\t48.000,50");
    // The open deals summed on their own: a lost one would not swell the pipeline in hand.
    expect(await page.getByTestId("funnel-totals").innerText()).toMatch(/^Em aberto: 2 negócios · R\$\s49\.500,50$/);
    // "Ver negócios" lists the deals counted: the funnel's pipeline and period, the period named by a chip.
    await page.getByTestId("funnel-deals").click();
    await page.waitForURL((u) => u.pathname === "/deals" && u.searchParams.get("view") === "list" && u.searchParams.has("from") && u.searchParams.has("pipeline"));
    await page.getByTestId("record-filter").filter({ hasText: /^Criados: \d\d\/\d\d/ }).waitFor(WAIT);
    await expect.poll(() => page.getByTestId("deal-row").count(), WAIT).toBe(2);
    await ctx.close();
  });

  it("moves a preset period on with the day when the dashboard is left open past midnight in São Paulo", async () => {
    await (await managerPage({ viewport: LAPTOP })).ctx.close();
    const ctx = await browser().newContext({ viewport: LAPTOP, storageState: managerSession });
    const page = await ctx.newPage();
    // 23:58 on 05/12 in São Paulo.
    await page.clock.install({ time: new Date("2026-12-06T02:58:00Z") });
    await page.goto(`${base}/?period=7`);
    const period = async () => [await page.getByLabel("De", { exact: true }).inputValue(), await page.getByLabel("Até", { exact: true }).inputValue()];
    await expect.poll(period, WAIT).toEqual(["2026-11-29", "2026-12-05"]);
    // Whether the page hydrates before or after the clock passes midnight, the period moves on.
    await page.clock.runFor("03:00");
    await expect.poll(period, WAIT).toEqual(["2026-11-30", "2026-12-06"]);
    expect(new URL(page.url()).search).toBe("?period=7");
    await ctx.close();
  });

  it("counts one São Paulo day alike on the dashboard and the lead list, from a laptop in Manaus; Back keeps the dashboard's period", async () => {
    const { ctx, page } = await managerPage({ viewport: LAPTOP, timezoneId: "America/Manaus" });
    await page.locator('[data-testid="chart-sources"][data-state="ready"]').waitFor();
    await page.getByLabel("De", { exact: true }).fill("2026-11-10");
    await page.getByLabel("Até", { exact: true }).fill("2026-11-10");
    const sources = page.getByTestId("numbers-sources");
    await sources.locator("summary").click();
    await expect.poll(() => sources.getByRole("row").allInnerTexts(), WAIT).toEqual(["Origem\tLeads\tID do anúncio", "Site\t1\t—"]);

    await page.getByRole("link", { name: "Leads", exact: true }).click();
    await page.waitForURL(`${base}/leads`);
    await expect.poll(() => page.getByTestId("lead-row").count(), WAIT).toBe(3);
    await page.getByLabel("Criado a partir de").fill("2026-11-10");
    await page.getByLabel("Criado até").fill("2026-11-10");
    await expect.poll(() => page.getByTestId("lead-row").allInnerTexts(), WAIT).toHaveLength(1);
    expect(await page.getByTestId("lead-row").innerText()).toMatch(/Lead do dia[\s\S]*10\/11\/2026/);

    await page.goBack();
    await page.waitForURL(`${base}/?period=custom&from=2026-11-10&to=2026-11-10`);
    expect([await page.getByLabel("De", { exact: true }).inputValue(), await page.getByLabel("Até", { exact: true }).inputValue()]).toEqual(["2026-11-10", "2026-11-10"]);
    await ctx.close();
  });

  it("undoes a deal marked won or lost by mistake on the board from the toast", async () => {
    const { ctx, page } = await managerPage({ viewport: LAPTOP });
    await page.goto(`${base}/deals`);
    const card = page.locator('[data-testid="deal-card"][data-title="Contrato Hotel Beira-Mar"]');
    const mover = card.getByLabel("Mover Contrato Hotel Beira-Mar para outra etapa");
    const inProposal = page.locator('[data-testid="board-column"][data-stage="Proposta"] [data-testid="deal-card"][data-title="Contrato Hotel Beira-Mar"]');

    // "Mover para…" picks "Ganho": one option too far.
    await mover.selectOption({ label: "Ganho" });
    await expect.poll(async () => (await deal())?.status, WAIT).toBe("won");
    await page.getByTestId("undo-move").click();
    await inProposal.waitFor();
    await expect.poll(deal, WAIT).toEqual({ stage: "Proposta", status: "open", won_at: null, lost_at: null });

    // Lost with a reason, undone too.
    await mover.selectOption({ label: "Perdido" });
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Motivo").selectOption({ index: 1 });
    await dialog.getByRole("button", { name: "Marcar como perdido" }).click();
    await expect.poll(async () => (await deal())?.status, WAIT).toBe("lost");
    await page.getByTestId("undo-move").click();
    await inProposal.waitFor();
    await expect.poll(deal, WAIT).toEqual({ stage: "Proposta", status: "open", won_at: null, lost_at: null });
    await ctx.close();
  });

  it("sees whose each of the week's meetings is, and the week's no-shows alone", async () => {
    const { ctx, page } = await managerPage({ viewport: LAPTOP });
    await page.getByRole("link", { name: "Reuniões", exact: true }).click();
    await page.waitForURL(`${base}/meetings`);
    const rows = page.getByTestId("meeting-row");
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.first().innerText()).toMatch(/Lead do dia\t(Agendada|Não compareceu)/);
    expect(await rows.evaluateAll((els) => els.map((e) => e.querySelectorAll("td")[3]?.textContent))).toEqual([`admin ${tenant().slug}`, `admin ${tenant().slug}`]);
    await page.getByLabel("Todas as situações").selectOption({ label: "Não compareceu" });
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))), WAIT).toEqual(["no_show"]);
    // The status stays in the address: a reload (or the link sent on) shows the no-shows alone.
    await expect.poll(() => page.url()).toBe(`${base}/meetings?status=no_show`);
    await page.reload();
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))), WAIT).toEqual(["no_show"]);
    // A week with none, and no calendar connected (these meetings were written here, not booked): the admin is told where meetings come from, and led there.
    await page.goto(`${base}/meetings?week=2030-01-07`);
    const empty = page.getByTestId("meetings-empty");
    await expect.poll(() => empty.getByRole("link", { name: "Conectar agenda" }).getAttribute("href"), WAIT).toBe("/calendar");
    expect(await empty.innerText()).toContain("Nenhuma agenda conectada ainda: conecte o Calendly ou o Cal.com para que as reuniões agendadas pelos leads apareçam aqui.");
    await ctx.close();
  });

  it("a meeting past its end with no result reads 'Aguardando resultado'; the week grid names the holidays", async () => {
    const leadId = (await owner().query<{ id: string }>("select id from leads where tenant_id = $1 and name = 'Lead do dia'", [tenant().id])).rows[0]!.id;
    // Wednesday 22/12/2027, 12:00 in São Paulo: the 10:00 meeting is over, the 15:00 one is ahead; Saturday is Christmas.
    for (const [ext, at] of [["m-past", "2027-12-22T13:00:00Z"], ["m-ahead", "2027-12-22T18:00:00Z"]]) {
      await owner().query("insert into meetings (tenant_id, provider, external_id, lead_id, title, starts_at, ends_at, status) values ($1, 'calendly', $2, $3, 'Demonstração', $4, $4::timestamptz + interval '30 minutes', 'scheduled')", [tenant().id, ext, leadId, at]);
    }
    await (await managerPage({ viewport: LAPTOP })).ctx.close();
    const ctx = await browser().newContext({ viewport: LAPTOP, storageState: managerSession });
    const page = await ctx.newPage();
    await page.clock.install({ time: new Date("2027-12-22T15:00:00Z") });
    await page.goto(`${base}/meetings`);
    const rows = page.getByTestId("meeting-row");
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    expect(await rows.evaluateAll((els) => els.map((e) => e.querySelectorAll("td")[2]?.textContent))).toEqual(["Aguardando resultado", "Agendada"]);
    await page.getByRole("tab", { name: "Semana" }).click();
    expect(await page.getByTestId("holiday").allInnerTexts()).toEqual(["Feriado: Natal"]);
    expect(await page.getByTestId("meetings-week").locator("section").nth(5).innerText()).toMatch(/^sáb\.?, 25\/12\s+Feriado: Natal/i);
    // The week shown and the grid stay in the address (its Monday): a reload shows next week's grid, not this week's list.
    await page.getByRole("button", { name: "Próxima semana" }).click();
    await expect.poll(() => page.url()).toBe(`${base}/meetings?view=week&week=2027-12-27`);
    await page.reload();
    await expect.poll(() => page.getByTestId("meetings-range").textContent(), WAIT).toBe("27/12/2027 a 02/01/2028");
    await expect.poll(() => page.getByTestId("holiday").allInnerTexts(), WAIT).toEqual(["Feriado: Confraternização Universal"]);
    await page.getByRole("button", { name: "Esta semana" }).click();
    await expect.poll(() => page.url()).toBe(`${base}/meetings?view=week`);
    await expect.poll(() => page.getByTestId("meetings-range").textContent()).toBe("20/12/2027 a 26/12/2027");
    await ctx.close();
  });

  it("on a phone: the dashboard, leads and deals fit the screen; a deal moves from its card", async () => {
    const { ctx, page } = await managerPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.getByTestId("chart-agents").waitFor();
    expect(await overflows(page)).toBe(false);
    await page.goto(`${base}/leads`);
    await page.getByTestId("lead-row").first().waitFor();
    await page.getByTestId("export-xlsx").waitFor();
    expect(await overflows(page)).toBe(false);
    await page.goto(`${base}/deals`);
    const card = page.locator('[data-testid="deal-card"][data-title="Contrato Hotel Beira-Mar"]');
    await card.waitFor();
    expect(await overflows(page)).toBe(false);
    await card.getByLabel("Mover Contrato Hotel Beira-Mar para outra etapa").selectOption({ label: "Negociação" });
    await expect.poll(async () => (await deal())?.stage, WAIT).toBe("Negociação");
    await ctx.close();
  });
});
