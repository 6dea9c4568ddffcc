import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, qualifyInWidget, signIn, waitForBot } from "../support/browser";
import { startEmbeddingSite } from "../support/embedding-site";
import { closeOwner, createTenant, type FixtureTenant } from "../support/fixtures";

let browser: Browser;
let tenant: FixtureTenant;
let site: Awaited<ReturnType<typeof startEmbeddingSite>>;
let siteOrigin: string;

beforeAll(async () => {
  browser = await launchChromium();
  tenant = await createTenant();
  site = await startEmbeddingSite(tenant);
  siteOrigin = site.origin;
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await closeOwner();
});

describe("widget in Chromium", () => {
  it("a page on another origin embeds the snippet; the lead answers by buttons and free text; the dashboard shows the lead qualified with its score", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(siteOrigin);
    await qualifyInWidget(page, {
      // The next question comes by the stream before /send answers (held here until it is shown):
      // its options stay clickable.
      beforeBudget: () =>
        page.evaluate(() => {
          const send = window.fetch;
          let held = false;
          window.fetch = async (input, init) => {
            const res = await send(input, init);
            if (held || !String(input).endsWith("/api/widget/send")) return res;
            held = true;
            const botCount = () => document.querySelector("vendaflow-widget")?.shadowRoot?.querySelectorAll('[data-testid="vf-message"][data-sender="bot"]').length ?? 0;
            while (botCount() < 5) await new Promise((r) => setTimeout(r, 50));
            return res;
          };
        }),
    });
    await waitForBot(page, 8, "Obrigado");
    // 125 points: the qualified outcome's message, not the nurture one.
    const botTexts = await page.locator('[data-testid="vf-message"][data-sender="bot"]').allInnerTexts();
    expect(botTexts.filter((t) => t.includes("um especialista vai falar com você em breve"))).toHaveLength(1);
    expect(botTexts.some((t) => t.includes("Vamos te enviar conteúdos"))).toBe(false);
    await ctx.close();

    // The tenant's dashboard: the conversation list and the lead's BANT card.
    const admin = await browser.newContext();
    const dash = await admin.newPage();
    await signIn(dash, `http://${tenant.host}`, tenant.users.admin, "/");
    await dash.goto(`http://${tenant.host}/conversations`);
    await dash.getByTestId("conversation-row").filter({ hasText: "Daniela Farias" }).first().click();
    await dash.getByTestId("bant-score").waitFor();
    expect(await dash.getByTestId("bant-score").innerText()).toContain(String(50 + 30 + 25 + 20));
    expect((await dash.getByTestId("lead-stage").innerText()).toLowerCase()).toContain("qualificado");
    await admin.close();
  });
});
