import { randomInt, randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@vendaflow/core/auth/password";
import { totpCode } from "@vendaflow/core/auth/totp";
import { launchChromium } from "../support/browser";
import { axeReport } from "../support/axe";
import { closeOwner, env, owner } from "../support/fixtures";

// A platform operator turns on two-factor sign-in on the operator console in Chromium, reading the
// key shown on screen (the test is the authenticator app), signs out, and signs in on the root
// host's /login with the app's code. An operator of its own: the seeded one stays password-only
// for the other suites.

let browser: Browser;
const op = { email: `operador-2fa-${randomUUID().slice(0, 8)}@vendaflow.test`, password: "operador-2fa-123" };

beforeAll(async () => {
  browser = await launchChromium();
  await owner().query("insert into platform_operators (email, name, password_hash) values ($1, 'Operadora 2FA', $2)", [op.email, await hashPassword(op.password)]);
});
afterAll(async () => {
  await browser?.close();
  await owner().query("delete from platform_operators where email = $1", [op.email]);
  await closeOwner();
});

const root = () => `http://${env().rootDomain}`;

/** E-mail and password on the root host's /login; with 2FA on, the form then asks for the code. */
async function passwordStep(page: Page) {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}` });
  await page.goto(`${root()}/login`);
  await page.getByLabel("E-mail").fill(op.email);
  await page.getByLabel(/^Senha/).fill(op.password);
  await page.getByRole("button", { name: "Entrar" }).click();
}

describe("operator two-factor sign-in in Chromium", () => {
  it("enrol on the console → sign out → /login asks for the code → signed in with the app's code", async () => {
    const page = await (await browser.newContext()).newPage();
    await passwordStep(page);
    await page.waitForURL(`${root()}/operator`);

    const card = page.getByTestId("two-factor");
    await card.getByRole("button", { name: "Ativar verificação em duas etapas" }).click();
    await card.getByLabel(/^Sua senha/).fill(op.password);
    await card.getByRole("button", { name: "Continuar" }).click();
    await card.getByTestId("totp-qr").waitFor();
    expect(await card.getByTestId("totp-qr").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await card.getByTestId("totp-secret").inputValue()).replace(/ /g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const codeField = card.getByLabel(/^Código do aplicativo/);
    await expect.poll(() => codeField.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeReport(page)).toEqual([]);
    await codeField.fill(totpCode(secret, Date.now()));
    await card.getByRole("button", { name: "Ativar", exact: true }).click();
    await card.getByTestId("recovery-codes").waitFor();
    await page.getByText("Verificação em duas etapas ativada. Suas outras sessões foram encerradas.").first().waitFor();
    expect(await card.getByTestId("recovery-code").allTextContents()).toHaveLength(10);
    expect(await axeReport(page)).toEqual([]);
    await card.getByRole("button", { name: "Já guardei os códigos" }).click();
    await expect.poll(() => card.getByTestId("recovery-codes-left").textContent()).toBe("10 códigos de recuperação sobrando.");

    await page.getByRole("button", { name: "Sair", exact: true }).click();
    await page.waitForURL(/\/login/);
    // The cookie of the session that signed out opens nothing.
    await page.goto(`${root()}/operator`);
    await page.waitForURL(/\/login/);

    await passwordStep(page);
    const loginCode = page.getByLabel(/^Código de verificação/);
    await loginCode.waitFor();
    await expect.poll(() => loginCode.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeReport(page)).toEqual([]);
    // A wrong code is refused and the form stays on the code step.
    await loginCode.fill("000000");
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByText("Código incorreto ou já usado.").first().waitFor();
    // The enrolment spent this step's code: the next step's is what the app shows next.
    await loginCode.fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.waitForURL(`${root()}/operator`);
    await expect.poll(() => card.getByTestId("recovery-codes-left").textContent()).toBe("10 códigos de recuperação sobrando.");
  }, 60_000);
});
