import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { closeOwner, createTenant, type FixtureTenant } from "../support/fixtures";

let browser: Browser;
let site: http.Server;
let siteOrigin: string;
let tenant: FixtureTenant;
let publicKey: string;

beforeAll(async () => {
  browser = await launchChromium();
  tenant = await createTenant();
  // A plain HTML page on another origin that embeds the snippet, as a tenant's website would.
  site = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="pt-BR"><head><title>Loja Exemplo</title></head><body><h1>Loja Exemplo</h1>
<script async src="http://${tenant.host}/widget/v1/loader.js" data-inbox="${publicKey}"></script></body></html>`);
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const admin = await tenant.loginAs("admin");
  const created = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [siteOrigin], schedulingUrl: "", templates: {} } });
  expect(created.error).toBeNull();
  publicKey = created.data.inbox.publicKey;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => site?.close(r));
  await closeOwner();
});

async function lastBotText(page: Page) {
  return page.locator('[data-testid="vf-message"][data-sender="bot"]').last().innerText();
}

async function waitForBot(page: Page, count: number, contains: string) {
  await page.waitForFunction(
    ([n, text]) => {
      const host = document.querySelector("vendaflow-widget");
      const items = [...(host?.shadowRoot?.querySelectorAll('[data-testid="vf-message"][data-sender="bot"]') ?? [])];
      return items.length >= (n as number) && items.some((e) => e.textContent?.includes(text as string));
    },
    [count, contains],
    { timeout: 15_000 },
  );
}

describe("widget in Chromium", () => {
  it("a page on another origin embeds the snippet; the lead answers by buttons and free text; the dashboard shows the lead qualified with its score", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(siteOrigin);
    await page.getByTestId("vf-bubble").click();
    await page.getByTestId("vf-consent-accept").click();
    await waitForBot(page, 1, "nome");

    const type = async (text: string) => {
      await page.getByTestId("vf-input").fill(text);
      await page.getByTestId("vf-send").click();
    };
    await type("Daniela Farias");
    await waitForBot(page, 3, "e-mail");
    await type("daniela@lojaexemplo.com.br");
    await waitForBot(page, 4, "orçamento");
    await page.locator('[data-testid="vf-option"][data-option-id="gt_10k"]').last().click();
    await waitForBot(page, 5, "decisão");
    await page.locator('[data-testid="vf-option"][data-option-id="decision_maker"]').last().click();
    await waitForBot(page, 6, "desafio");
    await type("Precisamos de mais vendas e conversão");
    await waitForBot(page, 7, "implementar");
    await page.locator('[data-testid="vf-option"][data-option-id="immediately"]').last().click();
    await waitForBot(page, 8, "Obrigado");
    expect(await lastBotText(page)).toBeTruthy();
    await ctx.close();

    // The tenant's dashboard: the conversation list and the lead's BANT card.
    const admin = await browser.newContext();
    const dash = await admin.newPage();
    await dash.goto(`http://${tenant.host}/login`);
    await dash.getByLabel("E-mail").fill(tenant.users.admin.email);
    await dash.getByLabel("Senha").fill(tenant.users.admin.password);
    await dash.getByRole("button", { name: "Entrar" }).click();
    await dash.waitForURL(`http://${tenant.host}/`);
    await dash.goto(`http://${tenant.host}/conversations`);
    await dash.getByTestId("conversation-row").filter({ hasText: "Daniela Farias" }).first().click();
    await dash.getByTestId("bant-score").waitFor();
    expect(await dash.getByTestId("bant-score").innerText()).toContain(String(50 + 30 + 25 + 20));
    expect((await dash.getByTestId("lead-stage").innerText()).toLowerCase()).toContain("qualificado");
    await admin.close();
  });
});
