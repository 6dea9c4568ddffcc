import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { upcomingNationalHolidays, brasiliaDate } from "@vendaflow/core/privacy/business-days";
import { encryptCredentials } from "@vendaflow/core/inboxes/credentials";
import { TEST_KEYS } from "../support/app-env";
import { signIn } from "../support/browser";
import { latestMailLink, owner } from "../support/fixtures";
import { NAME_AND_BUDGET_FLOW } from "../support/flows";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// A new tenant admin's first day, at 1366×768 and by keyboard where it matters: the flow editor
// does not drop unsaved edits on an in-app link and its focus follows the steps, the "inbox
// created" panel keeps the focus in the dialog, a routing rule says a team must exist first, the
// business hours take Brazil's national holidays in one click, the pipeline's stage fields say what
// they are, a saved custom domain says so, disconnecting a CRM asks first and says what it left
// behind, and billing offers no checkout that cannot happen.

const { browser, tenant } = e2eSuite();
let flowKey: string;

beforeAll(async () => {
  const { rows } = await owner().query<{ flow_key: string }>("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'BANT', 1, $2) returning flow_key", [tenant().id, JSON.stringify(NAME_AND_BUDGET_FLOW)]);
  flowKey = rows[0]!.flow_key;
});

let adminSession: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;

/** A fresh page signed in as the admin: one sign-in for the file (login:email allows 5 in 15 minutes). */
async function adminPage(): Promise<{ page: Page; origin: string; close: () => Promise<void> }> {
  const ctx = await browser().newContext({ viewport: { width: 1366, height: 768 }, storageState: adminSession });
  const page = await ctx.newPage();
  const origin = `http://${tenant().host}`;
  if (!adminSession) {
    await signedIn(page, origin, tenant().users.admin, "/");
    adminSession = await ctx.storageState();
  }
  return { page, origin, close: () => ctx.close() };
}

describe("a new admin's first day", () => {
  it("flow editor: an in-app link asks before dropping unsaved edits; after saving it just goes", { timeout: 120_000 }, async () => {
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/flows/${flowKey}`);
    const name = page.getByLabel("Nome do fluxo");
    await name.waitFor();
    await page.getByTestId("save-draft").waitFor();
    await name.fill("BANT da padaria");
    await page.getByTestId("unsaved-badge").waitFor();

    // "Voltar para os fluxos" was a client-side navigation that beforeunload never saw: the edit was lost.
    await page.getByRole("link", { name: "Voltar para os fluxos" }).click();
    const ask = page.getByRole("alertdialog");
    await ask.waitFor();
    expect(await ask.textContent()).toContain("Sair sem salvar?");
    await page.keyboard.press("Escape");
    await ask.waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe(`/flows/${flowKey}`);
    expect(await name.inputValue()).toBe("BANT da padaria");

    // The sidebar too; confirming leaves.
    await page.getByRole("navigation").getByRole("link", { name: "Fluxos", exact: true }).click();
    await ask.waitFor();
    await ask.getByRole("button", { name: "Sair sem salvar" }).click();
    await page.waitForURL(`${origin}/flows`);

    // Saved edits leave without a question.
    await page.goto(`${origin}/flows/${flowKey}`);
    await name.waitFor();
    await page.getByTestId("save-draft").waitFor();
    await name.fill("BANT salvo");
    await page.getByTestId("save-draft").click();
    await page.getByTestId("unsaved-badge").waitFor({ state: "hidden" });
    await page.getByRole("link", { name: "Voltar para os fluxos" }).click();
    await page.waitForURL(`${origin}/flows`);
    expect(await page.getByRole("alertdialog").count()).toBe(0);
    await close();
  });

  it("flow editor: the browser's Back asks before dropping unsaved edits, and leaves in one step once saved", { timeout: 120_000 }, async () => {
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/flows`);
    await page.goto(`${origin}/flows/${flowKey}`);
    const name = page.getByLabel("Nome do fluxo");
    await name.waitFor();
    await page.getByTestId("save-draft").waitFor();
    await name.fill("BANT pelo Voltar");
    await page.getByTestId("unsaved-badge").waitFor();

    // Back (a phone's back gesture too) went to the list and the edit was gone.
    await page.goBack();
    const ask = page.getByRole("alertdialog");
    await ask.waitFor();
    expect(await ask.textContent()).toContain("Sair sem salvar?");
    await ask.getByRole("button", { name: "Cancelar" }).click();
    await ask.waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe(`/flows/${flowKey}`);
    expect(await name.inputValue()).toBe("BANT pelo Voltar");

    // Staying keeps the guard: Back asks again, and confirming leaves to the list.
    await page.goBack();
    await ask.waitFor();
    await ask.getByRole("button", { name: "Sair sem salvar" }).click();
    await page.waitForURL(`${origin}/flows`);

    // Once saved, one Back leaves, with no question and no second Back needed.
    await page.goto(`${origin}/flows/${flowKey}`);
    await name.waitFor();
    await page.getByTestId("save-draft").waitFor();
    await name.fill("BANT salvo pelo Voltar");
    await page.getByTestId("unsaved-badge").waitFor();
    await page.getByTestId("save-draft").click();
    await page.getByTestId("unsaved-badge").waitFor({ state: "hidden" });
    await expect.poll(() => page.evaluate(() => Boolean((history.state as Record<string, unknown> | null)?.__vfLeaveGuard))).toBe(false);
    await page.goBack();
    await page.waitForURL(`${origin}/flows`);
    expect(await page.getByRole("alertdialog").count()).toBe(0);
    await close();
  });

  it("flow editor by keyboard: the focus follows a step moved, added or removed", { timeout: 120_000 }, async () => {
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/flows/${flowKey}`);
    await page.getByTestId("save-draft").waitFor();
    const order = () => page.getByTestId("step-card").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-step-id")).join(","));
    const focused = () => page.evaluate(() => `${document.activeElement?.closest("[data-step-id]")?.getAttribute("data-step-id") ?? "-"} ${document.activeElement?.tagName}`);
    await page.getByTestId("add-step").focus();
    await page.keyboard.press("Enter");
    // The new step's question, empty and required, has the focus.
    await expect.poll(focused).toBe("etapa_1 TEXTAREA");
    await page.keyboard.type("Qual é o prazo?");
    expect(await order()).toBe("name,budget,etapa_1");

    // Moved twice up, it reaches the top: the focus stayed on the card's old position (now another
    // step), so the second press moved that one back.
    await page.locator('#step-2 [data-step-action="up"]').focus();
    await page.keyboard.press("Enter");
    await expect.poll(order).toBe("name,etapa_1,budget");
    await expect.poll(focused).toBe("etapa_1 BUTTON");
    await page.keyboard.press("Enter");
    await expect.poll(order).toBe("etapa_1,name,budget");

    // Removed: the focus goes to the step now in its place, not to <body>.
    await page.locator('#step-0 [data-step-action="remove"]').focus();
    await page.keyboard.press("Enter");
    await page.getByRole("alertdialog").getByRole("button", { name: "Remover etapa" }).click();
    await expect.poll(order).toBe("name,budget");
    await expect.poll(focused).toBe("name INPUT");
    await close();
  });

  it("flow editor: each arrow names its step or option, and an option moved by keyboard keeps the focus", { timeout: 120_000 }, async () => {
    const withOptions = {
      ...NAME_AND_BUDGET_FLOW,
      steps: [
        { ...NAME_AND_BUDGET_FLOW.steps[0]!, next: "need" },
        { id: "need", kind: "options", question: "O que você procura?", next: null, options: ["a", "b", "c"].map((id) => ({ id, label: id.toUpperCase(), text: `Opção ${id}`, score: 0 })) },
      ],
    };
    const { rows } = await owner().query<{ flow_key: string }>("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'Opções', 1, $2) returning flow_key", [tenant().id, JSON.stringify(withOptions)]);
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/flows/${rows[0]!.flow_key}`);
    await page.getByTestId("save-draft").waitFor();
    const need = page.locator('[data-step-id="need"]');
    // A step's and an option's arrows were both "Mover para cima".
    await need.getByRole("button", { name: 'Mover a etapa "need" para cima' }).waitFor();
    expect(await need.getByRole("button", { name: "Mover a opção 3 para cima" }).count()).toBe(1);
    expect(await need.getByRole("button", { name: "Remover a opção 1" }).count()).toBe(1);

    const labels = () => need.getByTestId("option-row").evaluateAll((rows) => rows.map((r) => (r.querySelectorAll("input")[1] as HTMLInputElement).value).join(""));
    await need.getByRole("button", { name: "Mover a opção 3 para cima" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(labels).toBe("ACB");
    await page.keyboard.press("Enter");
    await expect.poll(labels).toBe("CAB");
    await close();
  });

  it("inboxes: once a web inbox is created, the focus is on copying its snippet, inside the dialog; the card's snippet places the bubble", { timeout: 120_000 }, async () => {
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/inboxes`);
    await page.getByRole("button", { name: "Nova caixa de entrada" }).first().click();
    const dialog = page.getByRole("dialog");
    // The dialog's code loads on demand (page budget): the one click opens it and the focus lands inside.
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]"))), { timeout: 10_000 }).toBe(true);
    await dialog.getByRole("textbox", { name: "Nome", exact: true }).fill("Site institucional");
    await dialog.getByRole("textbox", { name: "Nome", exact: true }).press("Enter");
    await page.getByTestId("inbox-secrets").waitFor();
    // The submit button the focus was on is gone with the form: it fell back to <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName)).toBe("Copiar: Código de instalação");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]")))).toBe(true);
    // Not the dialog's title again: the next step, and (no origin given) that the tenant's site is refused until listed.
    const next = await dialog.getByTestId("inbox-created-next").innerText();
    expect(next).toContain("Cole o código abaixo no seu site");
    expect(next).toContain("Nenhuma origem cadastrada");
    expect(next).not.toContain("Caixa de entrada criada");
    await page.keyboard.press("Escape");
    // The card's snippet carries where the bubble sits: the left corner, 80 px up.
    const card = page.getByTestId("inbox-card").filter({ hasText: "Site institucional" });
    await card.getByLabel("Posição do botão").selectOption({ label: "Canto esquerdo" });
    await card.getByLabel("Altura (px)").fill("80");
    await expect.poll(() => card.getByTestId("widget-snippet").innerText()).toMatch(/data-inbox="pk_[^"]+" data-side="left" data-bottom="80"><\/script>$/);
    await card.getByLabel("Altura (px)").fill("900");
    expect(await card.getByLabel("Altura (px)").getAttribute("aria-invalid")).toBe("true");
    expect(await card.getByTestId("widget-snippet").innerText()).toContain('data-bottom="80"');
    await close();
  });

  it("routing rules: with no team yet, \"Atribuir ao time\" says so and links to Times instead of an empty list", { timeout: 120_000 }, async () => {
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/routing-rules`);
    await page.getByRole("button", { name: "Nova regra" }).first().click();
    const row = page.getByRole("dialog").getByTestId("action-row").first();
    await row.getByText("Nenhum time criado ainda").waitFor();
    expect(await row.getByRole("link", { name: "Criar um time" }).getAttribute("href")).toBe("/teams");
    // Saving anyway names the missing team, not "Escolha um time." from a list with nothing to choose.
    await page.getByRole("dialog").getByLabel(/Nome da regra/).fill("Leads quentes");
    await page.getByRole("dialog").getByRole("button", { name: "Salvar regra" }).click();
    await expect.poll(() => row.getByRole("alert").textContent()).toContain("Nenhum time criado ainda");
    await close();
  });

  it("business hours: one click adds the national holidays (with their names), which then save", { timeout: 120_000 }, async () => {
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/business-hours`);
    const form = page.getByTestId("hours-form-tenant");
    await form.getByRole("button", { name: "Adicionar feriados nacionais" }).click();
    const expected = upcomingNationalHolidays(brasiliaDate(new Date()));
    expect(expected.length).toBeGreaterThan(12);
    await expect.poll(() => form.locator('input[type="date"]').count()).toBe(expected.length);
    expect(await form.locator('input[type="date"]').first().inputValue()).toBe(expected[0]!.date);
    expect(await form.textContent()).toContain("Natal");
    expect(await form.textContent()).toContain("Tiradentes");

    // A second click adds nothing twice.
    await form.getByRole("button", { name: "Adicionar feriados nacionais" }).click();
    expect(await form.locator('input[type="date"]').count()).toBe(expected.length);

    await form.getByRole("button", { name: "Salvar horário" }).click();
    await expect
      .poll(async () => (await owner().query<{ n: number }>("select coalesce(array_length(holidays, 1), 0) as n from business_hours where tenant_id = $1 and team_id is null", [tenant().id])).rows[0]?.n ?? 0)
      .toBe(expected.length);
    await close();
  });

  it("CRM settings: the pipeline's stage fields have visible column headings, over their columns", { timeout: 120_000 }, async () => {
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/crm-settings`);
    const form = page.getByTestId("pipeline-form").first();
    const headings = form.getByTestId("stage-headings");
    // The labels were sr-only: "10", "25", "50"… with nothing on screen saying what they are.
    await headings.waitFor();
    expect(await headings.textContent()).toBe("EtapaProbabilidade (%)Tipo");
    const heading = await headings.getByText("Probabilidade (%)").boundingBox();
    const input = await form.getByLabel("Probabilidade (%)").first().boundingBox();
    expect(Math.abs(heading!.x - input!.x)).toBeLessThan(2);
    await close();
  });

  it("settings: saving by keyboard says so, keeps the focus on the button and repaints the brand in place; a reload used to take the toast with it", { timeout: 60_000 }, async () => {
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/settings`, { waitUntil: "networkidle" });
    const colour = page.getByLabel("Cor principal", { exact: true });
    await colour.waitFor();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await colour.fill("#7c3aed");
    // By keyboard: the button stays focused through "Salvando…" and after, where a disabled
    // button dropped the focus to <body> and the next Tab started over from the top of the page.
    const save = page.locator("form").filter({ has: colour }).getByRole("button", { name: "Salvar", exact: true });
    await save.focus();
    await page.keyboard.press("Enter");
    await page.getByText("Alterações salvas.").first().waitFor();
    await expect.poll(() => page.locator("[data-brand]").first().getAttribute("style")).toContain("#7c3aed");
    expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
    expect(await save.evaluate((el) => el === document.activeElement)).toBe(true);
    await close();
  });

  it("custom domain: saving says so, as the other settings cards do, and the card lists the DNS records to create", { timeout: 60_000 }, async () => {
    const domain = `vendas-${tenant().id.slice(0, 8)}.padariasol.com.br`;
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/settings`, { waitUntil: "networkidle" });
    const field = page.getByLabel("Domínio", { exact: true });
    await field.fill(domain);
    await page.getByRole("button", { name: "Salvar domínio" }).click();
    // Only the card changed before: the records appeared and nothing said the domain was saved.
    await page.getByRole("status").getByText("Domínio salvo.").waitFor();
    await page.getByRole("table", { name: /Crie estes registros no DNS/ }).waitFor();
    expect((await owner().query("select custom_domain from tenants where id = $1", [tenant().id])).rows[0].custom_domain).toBe(domain);
    await owner().query("update tenants set custom_domain = null, custom_domain_token = null, custom_domain_verified_at = null where id = $1", [tenant().id]);
    await close();
  });

  it("audit log: more rows load below the ones shown, and the button says \"Carregar mais\" as the other lists do (it said \"Próxima página\")", { timeout: 60_000 }, async () => {
    // One page is 25 rows (audit-table.tsx): 30 of one's own make a second page whatever the suite logged.
    await owner().query("insert into audit_logs (tenant_id, action, entity_type, created_at) select $1, 'lead.updated', 'lead', now() - make_interval(secs => g) from generate_series(1, 30) g", [tenant().id]);
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/audit`, { waitUntil: "networkidle" });
    const rows = page.getByTestId("audit-row");
    await rows.first().waitFor();
    const first = await rows.count();
    expect(await page.getByRole("button", { name: "Próxima página" }).count()).toBe(0);
    await page.getByRole("button", { name: "Carregar mais" }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(first);
    await close();
  });

  it("Slack: \"Trocar conexão\" starts from the current channel and events, not all of them ticked again", { timeout: 60_000 }, async () => {
    const seal = encryptCredentials({ botToken: "xoxb-fixture" }, TEST_KEYS.encryptionKey);
    await owner().query("insert into slack_connections (tenant_id, mode, credentials_encrypted, channel, team_name, notify_events, command_key) values ($1, 'bot', $2, '#comercial', 'Demo', '{deal.won}', md5(random()::text) || md5(random()::text))", [tenant().id, seal]);
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/settings`, { waitUntil: "networkidle" });
    const card = page.getByTestId("slack-card");
    await card.getByTestId("slack-connected").waitFor();
    await card.getByRole("button", { name: "Trocar conexão" }).click();
    const form = card.getByTestId("slack-connect");
    expect(await form.getByLabel(/^Canal/).inputValue()).toBe("#comercial");
    expect(await form.getByLabel("Um negócio for ganho").isChecked()).toBe(true);
    expect(await form.getByLabel("Um lead for qualificado").isChecked()).toBe(false);
    expect(await form.getByLabel("Uma conversa for transferida para a equipe").isChecked()).toBe(false);
    // The secrets are not read back into the page: they are typed again.
    expect(await form.getByLabel(/^Token do bot/).inputValue()).toBe("");
    await owner().query("delete from slack_connections where tenant_id = $1", [tenant().id]);
    await close();
  });

  it("CRM sync: \"Desconectar\" asks first and Cancelar keeps the connection; once done, a toast that stays says what is left in Pipedrive to remove by hand", { timeout: 60_000 }, async () => {
    // Sealed with the app's key as connecting does; the e2e server cannot reach Pipedrive, so removing its webhooks there fails.
    const seal = encryptCredentials({ apiToken: "fixture-token" }, TEST_KEYS.encryptionKey);
    await owner().query("insert into crm_sync_connections (tenant_id, provider, account_name, credentials_encrypted, webhook_key) values ($1, 'pipedrive', 'Loja Teste', $2, replace(gen_random_uuid()::text, '-', ''))", [tenant().id, seal]);
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/settings`, { waitUntil: "networkidle" });
    const section = page.getByTestId("crm-sync-pipedrive");
    await section.getByTestId("crm-sync-connected").waitFor();
    const dialog = page.getByRole("alertdialog", { name: "Desconectar o Pipedrive?" });
    await section.getByRole("button", { name: "Desconectar" }).click();
    await dialog.getByRole("button", { name: "Cancelar" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await section.getByTestId("crm-sync-connected").count()).toBe(1);
    await section.getByRole("button", { name: "Desconectar" }).click();
    await dialog.getByRole("button", { name: "Desconectar" }).click();
    await page.getByText("Não foi possível remover os webhooks no Pipedrive", { exact: false }).waitFor();
    await section.getByText("Não conectado.").waitFor();
    const { rows } = await owner().query("select 1 from crm_sync_connections where tenant_id = $1 and provider = 'pipedrive'", [tenant().id]);
    expect(rows).toEqual([]);
    await close();
  });

  it("profile: where the admin is signed in, with the device; ending the other session signs that browser out; an e-mail change mails a link first", { timeout: 60_000 }, async () => {
    const { page, origin, close } = await adminPage();
    // A second browser (a phone), signed in on its own.
    const phoneCtx = await browser().newContext({ viewport: { width: 390, height: 844 }, userAgent: "Mozilla/5.0 (Linux; Android 14; moto g54 5G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36" });
    const phone = await phoneCtx.newPage();
    await signIn(phone, origin, tenant().users.admin, "/");
    await page.goto(`${origin}/profile`);
    const card = page.getByTestId("sessions");
    const rows = card.getByTestId("session-row");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute("data-current")).toBe("true");
    expect(await rows.first().textContent()).toContain("Esta sessão");
    const other = rows.filter({ hasText: "Chrome no Android" });
    expect(await other.count()).toBe(1);
    await other.getByRole("button", { name: /^Encerrar a sessão de Chrome no Android \(entrou em / }).click();
    await page.getByText("Sessão encerrada: aquele aparelho precisa entrar de novo.").waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    // The phone is signed out; this browser is not.
    await phone.goto(`${origin}/inbox`);
    await phone.waitForURL((u) => u.pathname.startsWith("/login"));
    await page.reload();
    await card.waitFor();
    expect(new URL(page.url()).pathname).toBe("/profile");
    await phoneCtx.close();

    // Changing the e-mail: a wrong password is said at its field; then the link goes out and the page says where.
    const emailCard = page.getByTestId("email-change");
    await emailCard.getByLabel("Novo e-mail").fill(`novo-${tenant().slug}@example.com`);
    await emailCard.getByLabel(/^Sua senha/).fill("nao-e-esta-123");
    // A password typed blind on a phone is the usual mistake: the field can show it.
    const show = emailCard.getByRole("button", { name: "Mostrar senha" });
    expect(await show.getAttribute("aria-pressed")).toBe("false");
    await show.click();
    expect(await emailCard.getByLabel(/^Sua senha/).getAttribute("type")).toBe("text");
    expect(await show.getAttribute("aria-pressed")).toBe("true");
    await show.click();
    expect(await emailCard.getByLabel(/^Sua senha/).getAttribute("type")).toBe("password");
    await emailCard.getByRole("button", { name: "Enviar link de confirmação" }).click();
    await emailCard.getByText("A senha está incorreta.").waitFor();
    await emailCard.getByLabel(/^Sua senha/).fill(tenant().users.admin.password);
    await emailCard.getByRole("button", { name: "Enviar link de confirmação" }).click();
    await emailCard.getByRole("status").filter({ hasText: `Enviamos um link para novo-${tenant().slug}@example.com.` }).waitFor();
    expect(await emailCard.getByLabel(/^Sua senha/).inputValue()).toBe("");
    await close();
  });

  it("profile: a saved name shows in the header at once, with no reload (it kept the old one until the next page)", { timeout: 60_000 }, async () => {
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/profile`, { waitUntil: "networkidle" });
    const name = page.getByLabel("Nome", { exact: true });
    await expect.poll(() => name.inputValue()).not.toBe("");
    const before = await name.inputValue();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const header = page.getByTestId("current-user");
    await name.fill("Ana Renomeada");
    await page.locator("form").filter({ has: name }).getByRole("button", { name: "Salvar", exact: true }).click();
    await page.getByText("Alterações salvas.").first().waitFor();
    // The header is the server layout's: it kept the old name until the next page load.
    await expect.poll(() => header.textContent()).toBe("Ana Renomeada");
    expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
    await owner().query("update users set name = $1 where id = $2", [before, tenant().users.admin.id]);
    await close();
  });

  it("users: a role picked in the select asks first (it signs the person out everywhere); Cancelar keeps the role", { timeout: 60_000 }, async () => {
    const { page, origin, close } = await adminPage();
    const agent = tenant().users.agent;
    const { name } = (await owner().query<{ name: string }>("select name from users where id = $1", [agent.id])).rows[0]!;
    await page.goto(`${origin}/users`, { waitUntil: "networkidle" });
    const role = page.locator(`[data-testid="user-row"][data-email="${agent.email}"]`).getByLabel("Alterar papel");
    const ask = page.getByRole("alertdialog", { name: `Mudar o papel de ${name} para Leitor?` });
    await role.selectOption("viewer");
    await ask.waitFor();
    expect(await ask.textContent()).toContain("As sessões dessa pessoa são encerradas em todos os aparelhos");
    await ask.getByRole("button", { name: "Cancelar" }).click();
    await ask.waitFor({ state: "hidden" });
    expect(await role.inputValue()).toBe("agent");
    const roleOf = async () => (await owner().query<{ role: string }>("select role from users where id = $1", [agent.id])).rows[0]!.role;
    expect(await roleOf()).toBe("agent");
    await role.selectOption("viewer");
    await ask.getByRole("button", { name: "Mudar papel" }).click();
    await page.getByText("Alterações salvas.").first().waitFor();
    expect(await roleOf()).toBe("viewer");
    expect(await role.inputValue()).toBe("viewer");
    // The admin's own row says what it costs: this session ends and the admin pages go.
    const own = page.locator(`[data-testid="user-row"][data-email="${tenant().users.admin.email}"]`).getByLabel("Alterar papel");
    await own.selectOption("agent");
    const self = page.getByRole("alertdialog", { name: /^Mudar o papel de .+ para Agente\?$/ });
    expect(await self.textContent()).toContain("É o seu próprio papel: sua sessão é encerrada agora");
    await self.getByRole("button", { name: "Cancelar" }).click();
    expect(await own.inputValue()).toBe("admin");
    await owner().query("update users set role = 'agent' where id = $1", [agent.id]);
    await close();
  });

  it("users: a pending invite can be sent again or cancelled, and a cancelled one says so", { timeout: 60_000 }, async () => {
    const email = `pendente@${tenant().slug}.test`;
    await owner().query("insert into users (tenant_id, email, role) values ($1, $2, 'agent')", [tenant().id, email]);
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/users`, { waitUntil: "networkidle" });
    const row = page.locator(`tr[data-email="${email}"]`);
    await row.getByText("Convite pendente").waitFor();
    await row.getByRole("button", { name: "Reenviar convite" }).click();
    await page.getByText(`Convite reenviado para ${email}.`).first().waitFor();
    expect((await latestMailLink(email, "/accept-invite")).host).toBe(tenant().host);
    await row.getByRole("button", { name: "Cancelar convite" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancelar convite" }).click();
    await row.getByText("Convite cancelado").waitFor();
    expect(await row.getByRole("button", { name: "Cancelar convite" }).count()).toBe(0);
    expect(await row.getByRole("button", { name: "Reenviar convite" }).count()).toBe(1);
    await close();
  });

  it("users: deactivating someone who holds a deal asks where it goes; an inactive row offers the same move ('Transferir carteira')", { timeout: 60_000 }, async () => {
    const email = `vera@${tenant().slug}.test`;
    const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as Record<string, string | null>;
    const vera = (await q("insert into users (tenant_id, email, name, role, password_hash, email_verified_at) values ($1, $2, 'Vera Vendas', 'agent', 'x', now()) returning id", [tenant().id, email]))!.id;
    const stage = (await q("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default and s.kind = 'open' order by s.position limit 1", [tenant().id]))!;
    const deal = (await q("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, owner_id) values ($1, $2, $3, 'Plano anual', 10, $4) returning id", [tenant().id, stage.pipeline_id, stage.id, vera]))!.id;
    await q("insert into activities (tenant_id, type, subject, deal_id, assigned_to, due_at) values ($1, 'task', 'Ligar', $2, $3, now() + interval '1 day') returning id", [tenant().id, deal, vera]);
    const ownerOf = async () => (await q("select owner_id from deals where id = $1", [deal]))!.owner_id;
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/users`, { waitUntil: "networkidle" });
    const row = page.locator(`tr[data-email="${email}"]`);
    await row.getByRole("button", { name: "Desativar" }).click();
    const dialog = page.getByRole("dialog", { name: "Desativar Vera Vendas?" });
    await dialog.getByText("Em aberto com esta pessoa: 1 negócio aberto e 1 atividade pendente.").waitFor();
    // The choice is required.
    await dialog.getByRole("button", { name: "Desativar" }).click();
    await dialog.getByText("Escolha para onde vão os negócios e as atividades.").waitFor();
    await dialog.getByRole("radio", { name: "Transferir negócios abertos e atividades pendentes para:" }).check();
    // Viewers own no deals: not offered.
    const target = dialog.getByLabel("Nova pessoa responsável");
    expect(await target.locator("option").allTextContents()).not.toContain(`viewer ${tenant().slug}`);
    await target.selectOption({ label: `agent ${tenant().slug}` });
    await dialog.getByRole("button", { name: "Desativar" }).click();
    await row.getByText("Desativado").waitFor();
    await page.getByText("Carteira transferida: 1 negócio e 1 atividade.").first().waitFor();
    expect(await ownerOf()).toBe(tenant().users.agent.id);

    // Given a deal since: the inactive row leaves it without owner.
    await q("update deals set owner_id = $2 where id = $1 returning id", [deal, vera]);
    await row.getByRole("button", { name: "Transferir carteira" }).click();
    const again = page.getByRole("dialog", { name: "Transferir carteira de Vera Vendas" });
    await again.getByText("Em aberto com esta pessoa: 1 negócio aberto e 0 atividades pendentes.").waitFor();
    await again.getByRole("radio", { name: "Deixar sem responsável" }).check();
    await again.getByRole("button", { name: "Transferir carteira" }).click();
    await again.waitFor({ state: "hidden" });
    expect(await ownerOf()).toBeNull();

    // Cancelling the invite of someone already given a deal opens the same question.
    const invitedEmail = `ivo@${tenant().slug}.test`;
    const ivo = (await q("insert into users (tenant_id, email, name, role) values ($1, $2, 'Ivo Convidado', 'agent') returning id", [tenant().id, invitedEmail]))!.id;
    await q("update deals set owner_id = $2 where id = $1 returning id", [deal, ivo]);
    await page.reload();
    const invited = page.locator(`tr[data-email="${invitedEmail}"]`);
    await invited.getByRole("button", { name: "Cancelar convite" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancelar convite" }).click();
    const asked = page.getByRole("dialog", { name: "Desativar Ivo Convidado?" });
    await asked.getByText("Em aberto com esta pessoa: 1 negócio aberto e 0 atividades pendentes.").waitFor();
    await asked.getByRole("radio", { name: "Transferir negócios abertos e atividades pendentes para:" }).check();
    await asked.getByLabel("Nova pessoa responsável").selectOption({ label: `agent ${tenant().slug}` });
    await asked.getByRole("button", { name: "Desativar" }).click();
    await invited.getByText("Convite cancelado").waitFor();
    expect(await ownerOf()).toBe(tenant().users.agent.id);
    await close();
  });

  it("billing: a plan with no Stripe price says online checkout is unavailable instead of offering \"Assinar\"", { timeout: 120_000 }, async () => {
    // Last in the file: the trial's limits (1 inbox on Starter) would get in the tests above.
    await owner().query("insert into tenant_subscriptions (tenant_id, plan_id, status, trial_ends_at) select $1, id, 'trialing', now() + interval '14 days' from plans where code = 'starter'", [tenant().id]);
    // Whether the catalog is synced depends on the run (billing.e2e syncs it with the Stripe stand-in): read it.
    const { rows: plans } = await owner().query<{ code: string; synced: boolean }>("select code, stripe_monthly_price_id is not null as synced from plans where is_active");
    expect(plans.length).toBeGreaterThan(0);
    const { page, origin, close } = await adminPage();
    await page.goto(`${origin}/billing`);
    for (const plan of plans) {
      const card = page.getByTestId(`plan-${plan.code}`);
      await card.waitFor();
      // Unsynced, "Assinar" only answered "Os planos ainda não foram sincronizados com o Stripe.".
      expect(await card.getByRole("button", { name: "Assinar" }).count(), plan.code).toBe(plan.synced ? 1 : 0);
      expect(await card.getByTestId("checkout-unavailable").count(), plan.code).toBe(plan.synced ? 0 : 1);
    }
    await close();
  });
});
