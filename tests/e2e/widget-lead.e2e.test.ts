import type { BrowserContext, BrowserContextOptions, Page, Route } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { waitForBot } from "../support/browser";
import { axeReport } from "../support/axe";
import { startEmbeddingSite } from "../support/embedding-site";
import { owner } from "../support/fixtures";
import { e2eSuite } from "../support/e2e-suite";

// The widget as a lead meets it on a tenant's site: on a phone (touch, 390 px) and on a desktop
// with the keyboard only, in pt-BR with Brazilian data. widget.e2e.test.ts covers the plumbing.

const { browser, tenant, extra } = e2eSuite();
beforeAll(async () => {
  // A mid-tone green brand (acme's): 3.3:1 as text on white.
  await owner().query(`update tenants set settings = jsonb_set(coalesce(settings, '{}'), '{theme}', '{"primaryColor":"#16a34a","botName":"Vera","logoUrl":""}') where id = $1`, [tenant().id]);
});
// Nothing listens on port 9: the booking page fails to load in the chat, as a page refusing frames would.
const SCHEDULING = "http://127.0.0.1:9/agenda/vendas";
const site = extra((t) => startEmbeddingSite(t, { schedulingUrl: SCHEDULING }));

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "pt-BR", timezoneId: "America/Sao_Paulo" };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: "pt-BR", timezoneId: "America/Sao_Paulo" };

/** A new visitor on the tenant's site with the panel open on the privacy notice (tapped on a phone). */
async function openWidget(options: BrowserContextOptions) {
  const ctx = await browser().newContext(options);
  const page = await ctx.newPage();
  await page.goto(site().origin);
  const bubble = page.getByTestId("vf-bubble");
  await (options.hasTouch ? bubble.tap() : bubble.click());
  await page.getByTestId("vf-consent").waitFor();
  return { ctx, page };
}

/** Accepts the notice and answers the name (and the e-mail when given), waiting for the next question. */
async function answerContact(page: Page, name: string, email?: string) {
  await page.getByTestId("vf-consent-accept").click();
  await waitForBot(page, 1, "nome");
  await send(page, name);
  await waitForBot(page, 3, "e-mail");
  if (!email) return;
  await send(page, email);
  await waitForBot(page, 4, "orçamento");
}

async function send(page: Page, text: string) {
  await page.getByTestId("vf-input").fill(text);
  await page.getByTestId("vf-send").click();
}

/** An intercepted request sent on by the test (Node resolves no *.localhost host, the browser does): to 127.0.0.1, with its Host. */
function fetchOnLoopback(route: Route) {
  const url = new URL(route.request().url());
  const host = url.host;
  url.hostname = "127.0.0.1";
  return route.fetch({ url: url.toString(), headers: { ...route.request().headers(), host } });
}

/** DevTools' offline mode for one page: the switch turns its network off (true) and on again. */
async function networkSwitch(ctx: BrowserContext, page: Page) {
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  return (offline: boolean) => cdp.send("Network.emulateNetworkConditions", { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/**
 * What the browser's visual viewport reports when the on-screen keyboard (or a pinch zoom, given a
 * width) shrinks it, with its resize event; null: back to the layout viewport. Headless Chromium has
 * no keyboard to raise, so the reported figures are set on the page's VisualViewport itself.
 */
async function keyboard(page: Page, view: { height: number; offsetTop: number; width?: number } | null) {
  await page.evaluate((v) => {
    const vv = window.visualViewport!;
    for (const key of ["height", "offsetTop", "width"] as const) {
      const value = v?.[key];
      if (value === undefined) delete (vv as unknown as Record<string, unknown>)[key];
      else Object.defineProperty(vv, key, { configurable: true, get: () => value });
    }
    vv.dispatchEvent(new Event("resize"));
  }, view);
}

const leadTexts = (page: Page) => page.locator('[data-testid="vf-message"][data-sender="lead"] .vf-text').allInnerTexts();
/** What the send status (a polite live region) says now; null when the widget has none. */
const sendStatus = (page: Page) => page.evaluate(() => document.querySelector("vendaflow-widget")!.shadowRoot!.querySelector('[data-testid="vf-send-status"]')?.textContent?.trim() ?? null);
const focused = (page: Page) => page.evaluate(() => document.querySelector("vendaflow-widget")!.shadowRoot!.activeElement?.getAttribute("data-testid") ?? null);

/** Every control a finger taps (links inside a message's text aside) smaller than 40 × 40 px. */
const smallTargets = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelector("vendaflow-widget")!.shadowRoot!.querySelectorAll<HTMLElement>("button, textarea, a, .vf-check")]
      .filter((e) => !e.closest(".vf-text") && e.getClientRects().length > 0)
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 40 || r.height < 40)
      .map(({ e, r }) => `${e.tagName.toLowerCase()}.${e.className} "${(e.getAttribute("aria-label") ?? e.textContent ?? "").slice(0, 24)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
  );

describe("the widget as a lead meets it", () => {
  it("on a phone, every control is at least 40 × 40 px and the brand's green reads as text (axe)", async () => {
    const { ctx, page } = await openWidget(PHONE);
    expect(await smallTargets(page)).toEqual([]);
    expect(await axeReport(page)).toEqual([]);
    await answerContact(page, "João Conceição", "joao.conceicao+site@exemplo.com.br");
    // The budget's choices are a group named by the question they answer.
    const question = (await page.locator('[data-testid="vf-message"]').filter({ has: page.getByTestId("vf-option") }).last().locator(".vf-text").innerText()).trim();
    expect(question).toContain("orçamento");
    expect(await page.getByRole("group", { name: question, exact: true }).getByTestId("vf-option").count()).toBeGreaterThan(1);
    // The budget's options: buttons with the brand's colour as text on white.
    expect(await smallTargets(page)).toEqual([]);
    expect(await axeReport(page)).toEqual([]);
    await ctx.close();
  });
  it("speaks pt-BR to a screen reader on any site, says who said each line, and the locked composer says why", async () => {
    const { ctx, page } = await openWidget(PHONE);
    // A tenant's site may say lang="en", or nothing: the widget says its own.
    expect(await page.getByTestId("vf-bubble").getAttribute("lang")).toBe("pt-BR");
    expect(await page.getByTestId("vf-panel").getAttribute("lang")).toBe("pt-BR");
    expect(await page.getByTestId("vf-input").isDisabled()).toBe(true);
    expect(await page.getByTestId("vf-input").getAttribute("placeholder")).toBe("Aceite o aviso para conversar.");
    await answerContact(page, "Luíza Araújo");
    expect(await page.getByTestId("vf-input").getAttribute("placeholder")).toBe("Digite sua mensagem…");
    const log = await page.getByTestId("vf-messages").ariaSnapshot();
    expect(log).toContain("Assistente: Olá! Para começarmos, qual é o seu nome?");
    expect(log).toContain("Você: Luíza Araújo");
    await ctx.close();
  });
  it("on a slow network, a tapped option shows once, as stored, above the question that follows it", async () => {
    const { ctx, page } = await openWidget(PHONE);
    await answerContact(page, "Antônio Gonçalves", "antonio+orcamento@exemplo.com.br");
    // /send answers only after the stream brought the option's echo and the next question.
    await page.evaluate(() => {
      const send = window.fetch;
      let held = false;
      window.fetch = async (input, init) => {
        const res = await send(input, init);
        if (held || !String(input).endsWith("/api/widget/send")) return res;
        held = true;
        await new Promise<void>((release) => ((window as unknown as { releaseSend: () => void }).releaseSend = release));
        return res;
      };
    });
    await page.locator('[data-testid="vf-option"][data-option-id="gt_10k"]').tap();
    await waitForBot(page, 5, "decisão");
    const texts = await page.evaluate(() => [...document.querySelector("vendaflow-widget")!.shadowRoot!.querySelectorAll('[data-testid="vf-message"] .vf-text')].map((e) => e.textContent ?? ""));
    expect(texts.filter((t) => t.includes("R$ 10"))).toEqual(["Acima de R$ 10.000/mês"]);
    expect(texts.indexOf("Acima de R$ 10.000/mês")).toBeLessThan(texts.findIndex((t) => t.includes("decisão")));
    await page.evaluate(() => (window as unknown as { releaseSend: () => void }).releaseSend());
    await ctx.close();
  });
  it("qualified on a phone, the lead gets the booking page as a button, in the chat and in a tab", async () => {
    const { ctx, page } = await openWidget(PHONE);
    await answerContact(page, "Conceição Brandão", "conceicao.brandao+agenda@exemplo.com.br");
    await send(page, "R$ 12.500,00");
    await waitForBot(page, 5, "decisão");
    await page.locator('[data-testid="vf-option"][data-option-id="decision_maker"]').tap();
    await waitForBot(page, 6, "desafio");
    await send(page, "Precisamos vender mais 🚀\nE automatizar o atendimento");
    await waitForBot(page, 7, "implementar");
    await page.locator('[data-testid="vf-option"][data-option-id="immediately"]').tap();
    await page.getByTestId("vf-book").waitFor();
    // The link (prefilled with the lead's name and e-mail) is the button, not a long address in the text.
    const offer = page.locator('[data-testid="vf-message"]').filter({ has: page.getByTestId("vf-book") });
    expect(await offer.locator(".vf-text").innerText()).toBe("Agende sua conversa com nosso time:");
    await page.getByTestId("vf-book").tap();
    await page.getByTestId("vf-embed").waitFor({ state: "attached" });
    // A page may refuse to be framed (or not load, as here): it also opens in a tab.
    const tab = page.getByTestId("vf-booking-tab");
    expect(await tab.getAttribute("href")).toBe(SCHEDULING);
    expect(await tab.getAttribute("target")).toBe("_blank");
    expect(await smallTargets(page)).toEqual([]);
    await ctx.close();
  });
  it("with the keyboard, offline: a message that could not go is sent by itself once the network is back, once", async () => {
    const ctx = await browser().newContext(DESKTOP);
    const page = await ctx.newPage();
    await page.goto(site().origin);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("vf-bubble");
    await page.keyboard.press("Enter");
    await page.getByTestId("vf-consent").waitFor();
    await expect.poll(() => focused(page)).toBe("vf-consent-accept");
    await page.keyboard.press("Enter");
    await waitForBot(page, 1, "nome");
    expect(await focused(page)).toBe("vf-input");
    await page.keyboard.type("Mariana Souza");
    await page.keyboard.press("Enter");
    await waitForBot(page, 3, "e-mail");
    // A message that went at once is heard in the log alone: the send status says nothing.
    expect(await sendStatus(page)).toBe("");

    const network = await networkSwitch(ctx, page);
    await network(true);
    const email = "mariana.souza+site@exemplo.com.br";
    await page.keyboard.type(email);
    await page.keyboard.press("Enter");
    await page.getByTestId("vf-retry").waitFor();
    await expect.poll(() => sendStatus(page)).toBe("Mensagem não enviada.");
    expect(await smallTargets(page)).toEqual([]);
    // The text is back in the composer; Enter again sends that message again, not a second one.
    expect(await page.getByTestId("vf-input").inputValue()).toBe(email);
    await page.keyboard.press("Enter");
    await page.getByTestId("vf-retry").waitFor();
    expect((await leadTexts(page)).filter((t) => t === email)).toHaveLength(1);

    await network(false);
    await waitForBot(page, 4, "orçamento");
    // The recovery is said too.
    await expect.poll(() => sendStatus(page)).toBe("Mensagem enviada.");
    expect((await leadTexts(page)).filter((t) => t === email)).toHaveLength(1);
    expect(await page.getByTestId("vf-retry").count()).toBe(0);
    expect(await page.getByTestId("vf-input").inputValue()).toBe("");
    const stored = await owner().query("select 1 from messages where tenant_id = $1 and sender = 'lead' and text = $2", [tenant().id, email]);
    expect(stored.rowCount).toBe(1);
    await ctx.close();
  });
  it("with the keyboard, a chosen option keeps the focus in the chat: Tab then reaches the next question's options", async () => {
    const ctx = await browser().newContext(DESKTOP);
    const page = await ctx.newPage();
    await page.goto(site().origin);
    await page.getByTestId("vf-bubble").click();
    await page.getByTestId("vf-consent").waitFor();
    await answerContact(page, "Rafael Ribeiro", "rafael.ribeiro+site@exemplo.com.br");
    await page.getByTestId("vf-option").filter({ hasText: "R$ 5-10 mil" }).focus();
    await page.keyboard.press("Enter");
    // The option pressed is disabled (no double answer): the focus goes to the log, not off the chat to the page.
    await expect.poll(() => focused(page)).toBe("vf-messages");
    await waitForBot(page, 5, "decisão");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.querySelector("vendaflow-widget")!.shadowRoot!.activeElement?.textContent ?? null)).toBe("Sim, sou o decisor");
    await ctx.close();
  });
  it("a tap on the bubble while the chat cannot load says so, and the next tap opens it", async () => {
    const ctx = await browser().newContext(PHONE);
    const page = await ctx.newPage();
    await page.goto(site().origin);
    // The loader came from the cache; the chat itself cannot be fetched (the connection dropped).
    await page.route("**/widget/v1/chat.js*", (route) => route.abort("internetdisconnected"));
    await page.getByTestId("vf-bubble").tap();
    await expect.poll(() => page.getByTestId("vf-load-error").textContent()).toBe("Não foi possível abrir o chat. Verifique sua conexão e tente de novo.");
    expect(await page.getByTestId("vf-load-error").getAttribute("role")).toBe("status");
    await page.unroute("**/widget/v1/chat.js*");
    await page.getByTestId("vf-bubble").tap();
    await page.getByTestId("vf-consent").waitFor();
    expect(await page.getByTestId("vf-load-error").textContent()).toBe("");
    await ctx.close();
  });
  it("a message written offline survives closing the tab: the chat sends it, once, when the lead comes back", async () => {
    const { ctx, page } = await openWidget(DESKTOP);
    await answerContact(page, "Tiago Reis");
    await (await networkSwitch(ctx, page))(true);
    const email = "tiago.reis@exemplo.com.br";
    await send(page, email);
    await page.getByTestId("vf-retry").waitFor();
    await page.close();

    // Back later, online, on the same browser: the chat opens with the message on its way, and the bot goes on.
    const again = await ctx.newPage();
    await again.goto(site().origin);
    await again.getByTestId("vf-bubble").click();
    await waitForBot(again, 4, "orçamento");
    expect((await leadTexts(again)).filter((t) => t === email)).toHaveLength(1);
    expect(await again.getByTestId("vf-retry").count()).toBe(0);
    const stored = await owner().query("select 1 from messages where tenant_id = $1 and sender = 'lead' and text = $2", [tenant().id, email]);
    expect(stored.rowCount).toBe(1);
    // Sent and confirmed: nothing is kept for a next visit. (The bot's reply can reach the screen
    // over the stream before the send's own answer does, which is what clears the outbox.)
    await expect.poll(() => again.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(":unsent")))).toEqual([]);
    await ctx.close();
  });
  it("a tab closed mid-send (stored, the answer lost): the next visit finds it in the history, shows it once and never sends it again", async () => {
    const { ctx, page } = await openWidget(DESKTOP);
    await answerContact(page, "Úrsula Lima");
    const email = "ursula.lima@exemplo.com.br";
    // The server stores it; the tab closes before its answer comes.
    let reachedServer!: () => void;
    const reached = new Promise<void>((r) => (reachedServer = r));
    await ctx.route("**/api/widget/send", async (route) => {
      await fetchOnLoopback(route);
      reachedServer();
    });
    await send(page, email);
    await reached;
    await page.close();

    // Back later, with sends failing (the case that used to show a failed copy beside the stored one).
    await ctx.unroute("**/api/widget/send");
    const sent: string[] = [];
    await ctx.route("**/api/widget/send", async (route) => {
      const text = (route.request().postDataJSON() as { text?: string }).text ?? "";
      sent.push(text);
      if (text === email) return route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "SERVICE_UNAVAILABLE", message: "Indisponível." }) });
      await route.fulfill({ response: await fetchOnLoopback(route) });
    });
    const again = await ctx.newPage();
    await again.goto(site().origin);
    await again.getByTestId("vf-bubble").click();
    await waitForBot(again, 4, "orçamento");
    await expect.poll(() => again.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(":unsent")))).toEqual([]);
    // The visit goes on: the next answer is sent and answered, and the stored one was never sent again.
    await send(again, "Acima de R$ 10.000/mês");
    await waitForBot(again, 5, "decisão");
    expect(sent).toEqual(["Acima de R$ 10.000/mês"]);
    expect((await leadTexts(again)).filter((t) => t === email)).toHaveLength(1);
    expect(await again.getByTestId("vf-retry").count()).toBe(0);
    const stored = await owner().query("select 1 from messages where tenant_id = $1 and sender = 'lead' and text = $2", [tenant().id, email]);
    expect(stored.rowCount).toBe(1);
    // A send forwarded by the route may still be reading its answer (the stream showed the reply first): let it finish, or closing rejects it.
    await ctx.unrouteAll({ behavior: "wait" });
    await ctx.close();
  });
  it("on a phone page with no viewport meta, the bubble and the panel are a phone's size, not a third of it", async () => {
    const bare = await startEmbeddingSite(tenant(), { viewportMeta: false });
    const ctx = await browser().newContext(PHONE);
    const page = await ctx.newPage();
    await page.goto(bare.origin);
    // The page itself is laid out desktop-wide and shown shrunk to the 390 px screen.
    const layout = await page.evaluate(() => ({ width: document.documentElement.clientWidth, screen: screen.width }));
    expect(layout.width).toBeGreaterThan(900);
    const shrink = layout.width / layout.screen;
    const bubble = page.getByTestId("vf-bubble");
    // 56 px on the screen is 56 × shrink in the page's own pixels.
    expect((await bubble.boundingBox())!.width / shrink).toBeCloseTo(56, 0);
    await bubble.tap();
    await page.getByTestId("vf-consent").waitFor();
    const panel = page.locator(".vf-panel");
    expect((await panel.boundingBox())!.width).toBeCloseTo(layout.width, 0);
    expect(await panel.getAttribute("aria-modal")).toBe("true");
    expect(Math.round((await page.getByTestId("vf-consent-accept").boundingBox())!.height / shrink)).toBeGreaterThanOrEqual(40);
    // The keyboard up on that page: the zoomed panel still fits what is visible, in the page's pixels.
    const visible = await page.evaluate(() => Math.round(document.documentElement.clientHeight / 2));
    await keyboard(page, { height: visible, offsetTop: 0 });
    await expect.poll(async () => Math.round((await panel.boundingBox())!.height)).toBeGreaterThanOrEqual(visible - 1);
    expect(Math.round((await panel.boundingBox())!.height)).toBeLessThanOrEqual(visible + 1);
    await ctx.close();
    await bare.close();
  });
  it("on a phone with the on-screen keyboard up, the panel fits what is visible: composer and latest line above the keys; a pinch zoom is left alone", async () => {
    const { ctx, page } = await openWidget(PHONE);
    await answerContact(page, "Bruna Teclado");
    const panel = page.locator(".vf-panel");
    const input = page.getByTestId("vf-input");
    expect(await panel.boundingBox()).toMatchObject({ y: 0, height: 844 });
    // The keyboard takes the lower 344 px, and the browser has scrolled the page 120 px to the field.
    await keyboard(page, { height: 500, offsetTop: 120 });
    await expect.poll(async () => (await panel.boundingBox())!.y).toBe(120);
    expect((await panel.boundingBox())!.height).toBe(500);
    const box = (await input.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(620);
    const last = page.getByTestId("vf-message").last();
    const lastBox = (await last.boundingBox())!;
    expect(lastBox.y).toBeGreaterThanOrEqual(120);
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(box.y);
    // The keyboard goes down: the panel covers the screen again.
    await keyboard(page, null);
    await expect.poll(async () => (await panel.boundingBox())!.height).toBe(844);
    expect((await panel.boundingBox())!.y).toBe(0);
    // A pinch zoom narrows the view as well: the panel keeps its size and the zoom does its job.
    await keyboard(page, { height: 422, offsetTop: 200, width: 195 });
    await page.waitForTimeout(100);
    expect(await panel.boundingBox()).toMatchObject({ y: 0, height: 844 });
    await ctx.close();
  });

  it("the snippet can put the bubble in the left corner, above a cookie bar; the panel opens over it", async () => {
    const placed = await startEmbeddingSite(tenant(), { snippetAttrs: 'data-side="left" data-bottom="80"' });
    const ctx = await browser().newContext(DESKTOP);
    const page = await ctx.newPage();
    await page.goto(placed.origin);
    const bubble = page.getByTestId("vf-bubble");
    const b = (await bubble.boundingBox())!;
    expect([Math.round(b.x), Math.round(800 - b.y - b.height)]).toEqual([20, 80]);
    await bubble.click();
    await page.getByTestId("vf-consent").waitFor();
    const p = (await page.getByTestId("vf-panel").boundingBox())!;
    expect(Math.round(p.x)).toBe(20);
    // The panel's foot stays above the bubble.
    expect(p.y + p.height).toBeLessThanOrEqual(b.y);
    await ctx.close();
    await placed.close();
  });
  it("a long paste with line breaks and emoji is kept whole, refused with how much to cut, and sent whole once it fits", async () => {
    const { ctx, page } = await openWidget(DESKTOP);
    await answerContact(page, "Rafael Ivo");
    const line = "Olá! Quero entender como funciona 😀\n";
    const long = line.repeat(Math.floor(2500 / line.length)).padEnd(2500, "a");
    await page.getByTestId("vf-input").focus();
    await page.keyboard.insertText(long);
    expect(await page.getByTestId("vf-input").inputValue()).toHaveLength(2500);
    await expect.poll(() => page.getByTestId("vf-limit").innerText()).toContain("500 caracteres acima do limite de 2.000");
    const before = (await leadTexts(page)).length;
    await page.keyboard.press("Enter");
    expect(await page.getByTestId("vf-input").inputValue()).toHaveLength(2500);
    expect(await leadTexts(page)).toHaveLength(before);
    const fits = line.repeat(Math.floor(1990 / line.length)).trim();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.insertText(fits);
    expect(await page.getByTestId("vf-limit").isVisible()).toBe(false);
    await page.keyboard.press("Enter");
    await expect.poll(() => leadTexts(page)).toContain(fits);
    await ctx.close();
  });
  it("a second tab shares the conversation, and the closed bubble says there is news", async () => {
    const { ctx, page } = await openWidget(DESKTOP);
    await answerContact(page, "Débora Lins");
    // Escape closes the panel and gives the focus back to the bubble.
    await page.getByTestId("vf-input").press("Escape");
    expect(await focused(page)).toBe("vf-bubble");
    expect(await page.getByTestId("vf-bubble").getAttribute("aria-label")).toBe("Abrir chat");

    const second = await ctx.newPage();
    await second.goto(site().origin);
    await second.getByTestId("vf-bubble").click();
    await expect.poll(() => leadTexts(second)).toContain("Débora Lins");
    await send(second, "debora.lins+2@exemplo.com.br");
    await expect.poll(() => page.getByTestId("vf-bubble").getAttribute("aria-label")).toBe("Abrir chat (nova mensagem)");
    expect((await leadTexts(page)).filter((t) => t === "debora.lins+2@exemplo.com.br")).toHaveLength(1);
    await ctx.close();
  });
  it("covering a phone's screen the panel is modal: aria-modal, and Tab does not leave it for the page behind; beside a desktop page it is not", async () => {
    const { ctx, page } = await openWidget(PHONE);
    expect(await page.getByTestId("vf-panel").getAttribute("aria-modal")).toBe("true");
    // The page has a link after the widget, where Tab went. On the notice the composer is locked:
    // "Aceitar e conversar" is the panel's last stop, the close button its first.
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<a href="#contato">Contato</a>'));
    // Not "Aceito", which under the marketing opt-in's "Aceito receber…" reads as agreeing to it.
    expect(await page.getByRole("button", { name: "Aceitar e conversar", exact: true }).count()).toBe(1);
    await page.getByTestId("vf-consent-accept").focus();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("vf-close");
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("vf-consent-accept");
    await ctx.close();

    const desktop = await openWidget(DESKTOP);
    expect(await desktop.page.getByTestId("vf-panel").getAttribute("aria-modal")).toBe("false");
    await desktop.ctx.close();
  });
  it("the LGPD request page, with the keyboard: each step's title takes the focus, so the lead hears where they are", async () => {
    const email = "sonia.mello+lgpd@exemplo.com.br";
    await owner().query("insert into leads (tenant_id, name, email, source) values ($1, 'Sônia Mello', $2, 'web')", [tenant().id, email]);
    const ctx = await browser().newContext(DESKTOP);
    const page = await ctx.newPage();
    await page.goto(`http://${tenant().host}/privacidade`);
    await page.getByTestId("privacy-request-form").waitFor();
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? null);
    await page.getByLabel("Seu nome").fill("Sônia Mello");
    await page.getByLabel("Seu e-mail").fill(email);
    await page.getByLabel("Seu e-mail").press("Enter");
    await page.getByTestId("privacy-code-form").waitFor();
    await expect.poll(focusedText).toBe("Confirme com o código");
    const mail = await owner().query<{ text_body: string }>("select text_body from email_outbox where to_address = $1 order by created_at desc limit 1", [email]);
    await page.keyboard.press("Tab");
    await page.keyboard.type(mail.rows[0]!.text_body.match(/\b\d{6}\b/)![0]);
    await page.keyboard.press("Enter");
    await page.getByTestId("privacy-done").waitFor();
    await expect.poll(focusedText).toBe("Pedido registrado");
    await ctx.close();
  });
});
