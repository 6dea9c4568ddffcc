import { describe, expect, it } from "vitest";
import { HIDDEN_CLOSE_MS } from "../../apps/widget/src/chat/stream";
import { qualifyInWidget, setHidden, typeInWidget, waitForBot } from "../support/browser";
import { startEmbeddingSite } from "../support/embedding-site";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

const { browser, tenant, extra } = e2eSuite();
const site = extra((t) => startEmbeddingSite(t));

describe("widget in Chromium", () => {
  it("a page on another origin embeds the snippet; the lead answers by buttons and free text; the dashboard shows the lead qualified with its score", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await page.goto(site().origin);
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
    const admin = await browser().newContext();
    const dash = await admin.newPage();
    await signedIn(dash, `http://${tenant().host}`, tenant().users.admin, "/conversations");
    await dash.getByTestId("conversation-row").filter({ hasText: "Daniela Farias" }).first().click();
    await dash.getByTestId("bant-score").waitFor();
    expect(await dash.getByTestId("bant-score").innerText()).toContain(String(50 + 30 + 25 + 20));
    expect((await dash.getByTestId("lead-stage").innerText()).toLowerCase()).toContain("qualificado");
    await admin.close();
  });

  it("behind a proxy that cuts event streams the widget polls, stops polling while its tab is hidden, and polls again at once when shown", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await page.clock.install();
    await page.route("**/api/widget/stream**", (r) => r.abort("connectionreset"));
    // The widget's stream and poll requests, in order.
    const calls: string[] = [];
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path === "/api/widget/stream" || path === "/api/widget/messages") calls.push(path.slice("/api/widget/".length));
    });
    await page.goto(site().origin);
    await page.getByTestId("vf-bubble").click();
    // The notice links the company's privacy page (its notice, encarregado and requests), in a new tab.
    const privacy = page.getByTestId("vf-privacy-link");
    expect(await privacy.getAttribute("href")).toMatch(/^http:\/\/[a-z0-9-]+\.localhost:\d+\/privacidade$/);
    expect(await privacy.getAttribute("target")).toBe("_blank");
    await page.getByTestId("vf-consent-accept").click();
    await waitForBot(page, 1, "nome");
    // Three failed streams, then polling: the bot's next question comes by a poll.
    await typeInWidget(page, "Marina Costa");
    await waitForBot(page, 2, "e-mail");
    expect(calls.indexOf("messages")).toBeGreaterThanOrEqual(3);
    expect(calls.slice(0, calls.indexOf("messages")).every((c) => c === "stream")).toBe(true);
    expect(await page.getByTestId("vf-reconnecting").isVisible()).toBe(false);

    await setHidden(page, true);
    await page.clock.fastForward(HIDDEN_CLOSE_MS + 1_000);
    // The jump also fires the poll that was due before the pause: let its request be reported.
    await page.waitForTimeout(1_000);
    const paused = calls.length;
    // 4 s of the page's clock run at once (its timers fire as they fall due): a poll every 3 s
    // would be sent here; then as long as above for its request to be reported.
    await page.clock.runFor(4_000);
    await page.waitForTimeout(1_000);
    expect(calls.slice(paused)).toEqual([]);

    await setHidden(page, false);
    await expect.poll(() => calls.slice(paused)).toContain("messages");
    // It polls at once (beside one new attempt at the stream), not after three more failed streams.
    expect(calls.slice(paused, paused + 2)).toEqual(["stream", "messages"]);
    await ctx.close();
  });
});
