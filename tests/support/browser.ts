import { randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium) driven by playwright-core ~1.64. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

/** The platform operator seeded for development and tests. */
export const OPERATOR = { email: "operator@vendaflow.dev", password: "operator-123" } as const;

/**
 * Signs in through `${origin}/login` and waits for the page it lands on: `landing` (e.g. "/" for a
 * tenant's dashboard) when given, else any page but the login form.
 */
export async function signIn(page: Page, origin: string, user: { email: string; password: string }, landing?: string): Promise<void> {
  // Each signed-in page is its own client address, as the proxy in front would say (the app trusts
  // one hop): without it every sign-in of the suite counts against one "login:ip" window of 20.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}` });
  await page.goto(`${origin}/login`);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel(/^Senha/).fill(user.password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.waitForURL(landing === undefined ? (u) => !u.pathname.startsWith("/login") : `${origin}${landing}`);
}

/** Waits for at least `count` bot messages in the widget, one of them containing `contains`. */
export async function waitForBot(page: Page, count: number, contains: string) {
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

/** What the page sees when its tab goes to the background (or comes back). */
export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => h });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (h ? "hidden" : "visible") });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

/** Types a message in the widget's composer and sends it. */
export async function typeInWidget(page: Page, text: string): Promise<void> {
  await page.getByTestId("vf-input").fill(text);
  await page.getByTestId("vf-send").click();
}

/**
 * Opens the widget on the page it is embedded in, accepts the consent and answers the default flow
 * as a qualified lead (Daniela Farias, over R$ 10 mil, the decision maker, starting now: 125
 * points), waiting for each question; returns after the last answer is clicked. `beforeBudget`
 * runs once the budget question is shown, before it is answered.
 */
export async function qualifyInWidget(page: Page, opts: { beforeBudget?: () => Promise<void> } = {}): Promise<void> {
  const option = (id: string) => page.locator(`[data-testid="vf-option"][data-option-id="${id}"]`).last().click();
  await page.getByTestId("vf-bubble").click();
  await page.getByTestId("vf-consent-accept").click();
  await waitForBot(page, 1, "nome");
  await typeInWidget(page, "Daniela Farias");
  await waitForBot(page, 3, "e-mail");
  await typeInWidget(page, "daniela@lojaexemplo.com.br");
  await waitForBot(page, 4, "orçamento");
  await opts.beforeBudget?.();
  await option("gt_10k");
  await waitForBot(page, 5, "decisão");
  await option("decision_maker");
  await waitForBot(page, 6, "desafio");
  await typeInWidget(page, "Precisamos de mais vendas e conversão");
  await waitForBot(page, 7, "implementar");
  await option("immediately");
}
