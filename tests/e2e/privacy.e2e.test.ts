import { beforeAll, describe, expect, it } from "vitest";
import { OPERATOR } from "../support/browser";
import { env, owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// LGPD in Chromium: a lead files an access request on the tenant's public /privacidade page,
// confirms it with the code from the dev outbox, the admin fulfils it from the queue, and the lead
// downloads the export from the link in the answer e-mail.

const { browser, tenant } = e2eSuite();
const email = `titular-e2e-${Date.now()}@exemplo.com.br`;

beforeAll(async () => {
  await owner().query("insert into leads (tenant_id, name, email, source) values ($1, 'Rita Titular', $2, 'web')", [tenant().id, email]);
});

describe("LGPD in Chromium", () => {
  it("access request: public page → code from the outbox → admin fulfils → lead downloads the export", async () => {
    const base = `http://${tenant().host}`;
    const lead = await browser().newContext();
    const page = await lead.newPage();
    await page.goto(`${base}/privacidade`);
    await page.getByTestId("privacy-notice").waitFor();
    const form = page.getByTestId("privacy-request-form");
    await form.getByLabel("O que você quer pedir?").selectOption({ label: "Acesso aos meus dados" });
    await form.getByLabel("Seu nome").fill("Rita Titular");
    await form.getByLabel("Seu e-mail").fill(email);
    await form.getByRole("button", { name: "Enviar pedido" }).click();
    await page.getByTestId("privacy-code-form").waitFor();

    // The code, read where a developer reads it: the dev outbox, which a production server shows
    // only to a signed-in platform operator (issue 17), so it opens in the operator's own browser.
    const outbox = await (await browser().newContext()).newPage();
    await signedIn(outbox, `http://${env().rootDomain}`, OPERATOR, "/dev/outbox");
    const mail = outbox.locator(`[data-testid="outbox-mail"][data-to="${email}"]`).first();
    // From the tenant's name (white-label): the lead sees who wrote, not the platform.
    expect(await mail.getByTestId("mail-from").textContent()).toBe(`Empresa ${tenant().slug}`);
    const codeMail = await mail.textContent();
    const code = codeMail!.match(/\b\d{6}\b/)![0];
    await page.getByLabel("Código").fill(code);
    await page.getByRole("button", { name: "Confirmar" }).click();
    const protocol = (await page.getByTestId("privacy-protocol").textContent())!;
    expect(protocol).toMatch(/^LGPD-\d{8}-[A-Z2-9]{6}$/);
    const dueShown = (await page.getByTestId("privacy-due-date").textContent())!;

    // The admin sees it in the queue with its deadline and fulfils it.
    const adminCtx = await browser().newContext();
    const admin = await adminCtx.newPage();
    await signedIn(admin, base, tenant().users.admin, "/");
    await admin.getByRole("link", { name: "Privacidade (LGPD)" }).click();
    await admin.waitForURL(`${base}/privacy`);
    const row = admin.locator(`[data-testid="privacy-request-row"][data-protocol="${protocol}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/faltam \d+ dias úteis/);
    await row.getByRole("button", { name: "Tratar" }).click();
    const dialog = admin.getByTestId("privacy-request-dialog");
    // The deadline is in the dialog where the answer is written: the same date the lead was given.
    expect(await dialog.getByTestId("privacy-request-deadline").textContent()).toMatch(new RegExp(`^Confirmado em \\d{2}/\\d{2}/\\d{4} · responder até ${dueShown.replaceAll("/", "\\/")} \\(faltam \\d+ dias úteis\\)$`));
    await dialog.getByLabel("Nova situação").selectOption("fulfilled");
    await dialog.getByLabel("Resposta ao titular").fill("Seus dados estão no link abaixo.");
    await dialog.getByRole("button", { name: "Salvar" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => row.textContent()).toContain("Atendido");

    // The lead follows the link in the answer e-mail and gets the JSON file.
    await outbox.reload();
    const link = outbox.locator(`[data-testid="outbox-mail"][data-to="${email}"]`).first().locator('a[href*="/api/privacy/export"]');
    const href = (await link.getAttribute("href"))!;
    // Fetched from the lead's page (same origin; Node's resolver does not know *.localhost).
    const res = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return { status: r.status, disposition: r.headers.get("content-disposition"), body: await r.text() };
    }, href);
    expect(res.status).toBe(200);
    expect(res.disposition).toMatch(/meus-dados-/);
    const data = JSON.parse(res.body) as { tables: { leads: { email: string; name: string }[] } };
    expect(data.tables.leads[0]).toMatchObject({ email, name: "Rita Titular" });
    await adminCtx.close();
    await lead.close();
  });

  it("waiting for the code: \"Reenviar código\" counts down its minute, then asks the server, which keeps the same minute", async () => {
    const lead = await browser().newContext();
    const page = await lead.newPage();
    await page.clock.install();
    await page.goto(`http://${tenant().host}/privacidade`);
    const form = page.getByTestId("privacy-request-form");
    await form.getByLabel("Seu nome").fill("Rita Titular");
    await form.getByLabel("Seu e-mail").fill(email);
    await form.getByRole("button", { name: "Enviar pedido" }).click();
    const resend = page.getByTestId("privacy-resend");
    await resend.waitFor();
    expect(await resend.textContent()).toMatch(/^Reenviar em (60|59) s$/);
    expect(await resend.isDisabled()).toBe(true);
    await page.clock.fastForward(60_000);
    await expect.poll(() => resend.textContent()).toBe("Reenviar código");
    expect(await resend.isDisabled()).toBe(false);
    // The page's clock jumped, the server's did not: its minute since the first code still runs,
    // and the button counts down what the server says is left (no error to read).
    await resend.click();
    await expect.poll(() => resend.textContent()).toMatch(/^Reenviar em \d+ s$/);
    expect(await resend.isDisabled()).toBe(true);
    expect(await page.getByText(/Muitas tentativas/).count()).toBe(0);
    await lead.close();
  });

  it("the records of processing name each legal basis as the LGPD does, not by its stored key", async () => {
    const base = `http://${tenant().host}`;
    const ctx = await browser().newContext();
    const admin = await ctx.newPage();
    await signedIn(admin, base, tenant().users.admin, "/privacy");
    const records = admin.getByTestId("processing-records");
    await records.waitFor();
    // Column 3 is "Base legal": it showed "execucao de contrato" (the key with "_" swapped for spaces).
    const bases = await records.locator("tbody tr td:nth-child(3)").allTextContents();
    expect(bases.length).toBeGreaterThan(0);
    expect(bases).toContain("Execução de contrato (art. 7º, V)");
    expect(bases).toContain("Legítimo interesse (art. 7º, IX)");
    expect(bases).toContain("Cumprimento de obrigação legal (art. 7º, II)");
    for (const b of bases) expect(b).toMatch(/^[A-ZÀ-Ú].*\(art\. 7º, [IVX]+\)$/);
    await ctx.close();
  });

  it("incidents: \"Marcar ANPD comunicada\" asks first (a dated record that cannot be undone); Cancelar records nothing", async () => {
    const base = `http://${tenant().host}`;
    const id = (await owner().query<{ id: string }>("insert into privacy_incidents (tenant_id, title, description, known_at, data_categories, subjects_affected, measures, risk) values ($1, 'Planilha exposta', 'Link público', now(), '{e-mail}', 3, 'Link removido', 'high') returning id", [tenant().id])).rows[0]!.id;
    const anpdAt = async () => (await owner().query<{ at: Date | null }>("select anpd_notified_at as at from privacy_incidents where id = $1", [id])).rows[0]!.at;
    const ctx = await browser().newContext();
    const admin = await ctx.newPage();
    await signedIn(admin, base, tenant().users.admin, "/privacy");
    const incident = admin.getByTestId("incident").filter({ hasText: "Planilha exposta" });
    const mark = incident.getByRole("button", { name: "Marcar ANPD comunicada" });
    const ask = admin.getByRole("alertdialog", { name: "Registrar que a ANPD foi comunicada sobre “Planilha exposta”?" });
    await mark.click();
    await ask.getByRole("button", { name: "Cancelar" }).click();
    await ask.waitFor({ state: "hidden" });
    expect(await anpdAt()).toBeNull();
    await mark.click();
    await ask.getByRole("button", { name: "Registrar comunicação" }).click();
    await admin.getByText("Comunicação registrada.").waitFor();
    expect(await anpdAt()).not.toBeNull();
    await expect.poll(() => mark.count()).toBe(0);
    await ctx.close();
  });

  it("retention: \"Aplicar agora\" waits for the policy to be on and saved (no run the sweep would not continue), then applies it", async () => {
    const base = `http://${tenant().host}`;
    const idle = (await owner().query<{ id: string }>("insert into leads (tenant_id, name, source, created_at) values ($1, 'Lead Parado', 'web', now() - interval '30 months') returning id", [tenant().id])).rows[0]!.id;
    // The server's own daily run (local-jobs queues the sweep every 30 s here) would take the lead
    // between "Salvar" and the click, and the click would then report 0: a run that drained a moment
    // ago keeps the sweep off this tenant for 23 h, while "Aplicar agora" still applies the policy.
    await owner().query("insert into privacy_retention (tenant_id, enabled, last_run_at) values ($1, false, now())", [tenant().id]);
    const ctx = await browser().newContext();
    const admin = await ctx.newPage();
    await signedIn(admin, base, tenant().users.admin, "/privacy");
    const form = admin.getByTestId("retention-form");
    const apply = form.getByTestId("retention-apply");
    await apply.waitFor();
    expect(await apply.isDisabled()).toBe(true);
    const hint = "“Aplicar agora” vale para a política ligada: marque “Aplicar automaticamente todos os dias” e salve antes.";
    expect(await form.locator(`#${await apply.getAttribute("aria-describedby")}`).textContent()).toBe(hint);
    // Ticking the box is not enough: the saved policy is what the server applies.
    await form.getByLabel("Aplicar automaticamente todos os dias").check();
    expect(await apply.isDisabled()).toBe(true);
    await form.getByRole("button", { name: "Salvar" }).click();
    await admin.getByText("Política de retenção salva.").waitFor();
    await expect.poll(() => apply.isDisabled()).toBe(false);
    expect(await form.getByText(hint).count()).toBe(0);
    // It anonymises for good, so it asks first; Cancelar leaves the lead as it was.
    const ask = admin.getByRole("alertdialog", { name: "Anonimizar agora os leads sem atividade há mais de 24 meses?" });
    await apply.click();
    await ask.waitFor();
    await ask.getByRole("button", { name: "Cancelar" }).click();
    await ask.waitFor({ state: "hidden" });
    expect((await owner().query("select anonymised_at is null as kept from leads where id = $1", [idle])).rows[0]).toEqual({ kept: true });
    await apply.click();
    await ask.getByRole("button", { name: "Anonimizar" }).click();
    await admin.getByText("1 lead anonimizado.").waitFor();
    expect((await owner().query("select anonymised_at is not null as anon from leads where id = $1", [idle])).rows[0]).toEqual({ anon: true });
    await ctx.close();
  });
});
