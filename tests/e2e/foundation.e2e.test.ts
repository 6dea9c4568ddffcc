import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, OPERATOR, signIn } from "../support/browser";
import { closeOwner, createTenant, env, uniq } from "../support/fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await closeOwner();
});

const root = () => `http://${env().rootDomain}`;
const tenantUrl = (slug: string, path = "") => `http://${slug}.${env().rootDomain}${path}`;

let operatorPage: Page | null = null;
/** The dev outbox is shown on a production server only to a signed-in platform operator. */
async function outboxPage(): Promise<Page> {
  if (operatorPage) return operatorPage;
  const page = await (await browser.newContext()).newPage();
  await signIn(page, root(), OPERATOR);
  operatorPage = page;
  return page;
}

/** Opens the dev outbox (as the operator) and returns the newest link for this address containing pathPart. */
async function mailLink(_page: Page, to: string, pathPart: string): Promise<string> {
  const page = await outboxPage();
  await page.goto(`${root()}/dev/outbox`);
  const mail = page.locator(`[data-testid="outbox-mail"][data-to="${to}"]`).first();
  const href = await mail.locator(`a[href*="${pathPart}"]`).first().getAttribute("href", { timeout: 15_000 });
  if (!href) throw new Error(`no ${pathPart} link for ${to}`);
  return href;
}

async function login(page: Page, slug: string, email: string, password: string) {
  await signIn(page, tenantUrl(slug), { email, password }, "/");
}

async function acceptInvite(ctx: BrowserContext, link: string, name: string, password: string) {
  const page = await ctx.newPage();
  await page.goto(link);
  await page.getByLabel("Nome").fill(name);
  await page.getByLabel(/^Senha/).fill(password);
  await page.getByRole("button", { name: "Aceitar convite" }).click();
  await page.waitForURL(/\/login\?notice=invite-accepted/);
  await page.close();
}

async function invite(page: Page, email: string, roleLabel: string) {
  await page.getByRole("button", { name: "Convidar" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Papel").selectOption({ label: roleLabel });
  await dialog.getByRole("button", { name: "Convidar" }).click();
  // The invited address's row is the proof this invite reached the server: the toast text alone is
  // not (the previous invite's "Convite enviado." is still on screen for 5 s, so waiting for it
  // returned at once, and the next page.goto could abort the request before it was sent).
  await page.locator(`[data-testid="user-row"][data-email="${email}"]`).waitFor();
  await dialog.waitFor({ state: "hidden" });
}

describe("foundation in Chromium", () => {
  it("signup → verify from outbox → login on the subdomain → invite → viewer sees no edit controls → cross-tenant cookie refused", async () => {
    const slug = uniq("e2e");
    const adminEmail = `${slug}@example.com`;
    const adminCtx = await browser.newContext();
    const page = await adminCtx.newPage();

    await page.goto(`${root()}/signup`);
    await page.getByLabel("Nome da empresa").fill("Empresa E2E");
    await page.getByLabel("Endereço do seu espaço").fill(slug);
    await page.getByLabel("Seu nome").fill("Ana E2E");
    await page.getByLabel("E-mail").fill(adminEmail);
    await page.getByLabel(/^Senha/).fill("senha-e2e-123");
    await page.getByRole("button", { name: "Criar conta" }).click();
    await page.getByText("Conta criada! Confirme seu e-mail.").first().waitFor();

    await page.goto(await mailLink(page, adminEmail, "/verify-email"));
    await page.waitForURL(/\/login\?notice=verified/);
    expect(page.url()).toContain(`${slug}.${env().rootDomain}`);

    await login(page, slug, adminEmail, "senha-e2e-123");
    await expect(page.getByTestId("current-role").textContent()).resolves.toBe("Administrador");

    await page.goto(tenantUrl(slug, "/users"));
    const agentEmail = `agente-${slug}@example.com`;
    const viewerEmail = `leitor-${slug}@example.com`;
    await invite(page, agentEmail, "Agente");
    await invite(page, viewerEmail, "Leitor");

    const agentCtx = await browser.newContext();
    await acceptInvite(agentCtx, await mailLink(page, agentEmail, "/accept-invite"), "Bruno Agente", "senha-agente-1");
    const agentPage = await agentCtx.newPage();
    await login(agentPage, slug, agentEmail, "senha-agente-1");
    await expect(agentPage.getByTestId("current-role").textContent()).resolves.toBe("Agente");

    const viewerCtx = await browser.newContext();
    await acceptInvite(viewerCtx, await mailLink(page, viewerEmail, "/accept-invite"), "Carla Leitora", "senha-leitor-1");
    const viewerPage = await viewerCtx.newPage();
    await login(viewerPage, slug, viewerEmail, "senha-leitor-1");
    await viewerPage.goto(tenantUrl(slug, "/users"));
    await viewerPage.locator('[data-testid="user-row"]').first().waitFor();
    expect(await viewerPage.locator('[data-testid="user-row"]').count()).toBe(3);
    expect(await viewerPage.getByRole("button", { name: "Convidar" }).count()).toBe(0);
    expect(await viewerPage.getByRole("combobox").count()).toBe(0);
    expect(await viewerPage.getByRole("button", { name: /Desativar|Reativar/ }).count()).toBe(0);
    expect(await viewerPage.getByRole("link", { name: "Configurações" }).count()).toBe(0);
    // Opened by address, an admin's page says who may use it (and none of its form is there).
    await viewerPage.goto(tenantUrl(slug, "/settings"));
    await viewerPage.getByText("Sem acesso a esta página").waitFor();
    expect(await viewerPage.getByText("Só administradores da conta usam esta página.", { exact: false }).count()).toBe(1);
    expect(await viewerPage.getByRole("button", { name: "Salvar" }).count()).toBe(0);

    // Tenant A's session cookie presented on tenant B's host (the seeded "acme").
    const token = (await adminCtx.cookies(tenantUrl(slug))).find((c) => c.name === "authjs.session-token");
    expect(token).toBeDefined();
    const foreign = await browser.newContext();
    await foreign.addCookies([{ name: token!.name, value: token!.value, domain: `acme.localhost`, path: "/", httpOnly: true, sameSite: "Lax" }]);
    const fp = await foreign.newPage();
    await fp.goto(tenantUrl("acme", "/users"));
    expect(new URL(fp.url()).pathname).toBe("/login");
    const trpcStatus = await fp.evaluate(async () => (await fetch("/api/trpc/users.list")).status);
    expect(trpcStatus).toBe(401);
    const routeStatus = await fp.evaluate(async () => (await fetch("/api/me")).status);
    expect(routeStatus).toBe(401);
    // The same cookie still works at home.
    await page.goto(tenantUrl(slug, "/"));
    const home = await page.evaluate(async () => (await fetch("/api/me")).status);
    expect(home).toBe(200);

    for (const c of [adminCtx, agentCtx, viewerCtx, foreign]) await c.close();
  });

  it("a reset or invite link without its token says so at once, instead of a form that can only fail", async () => {
    const { slug } = await createTenant();
    const page = await (await browser.newContext()).newPage();
    await page.goto(tenantUrl(slug, "/reset-password"));
    await page.getByText("Este link está incompleto.", { exact: false }).waitFor();
    expect(await page.getByLabel(/^Nova senha/).count()).toBe(0);
    await page.getByRole("link", { name: "Pedir um novo link" }).waitFor();
    await page.goto(tenantUrl(slug, "/accept-invite"));
    await page.getByText("Este link de convite está incompleto.", { exact: false }).waitFor();
    expect(await page.getByRole("button", { name: "Aceitar convite" }).count()).toBe(0);
    await page.context().close();
  });
});
