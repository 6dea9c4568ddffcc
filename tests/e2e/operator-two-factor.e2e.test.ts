import { randomInt, randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@vendaflow/core/auth/password";
import { totpCode } from "@vendaflow/core/auth/totp";
import { launchChromium } from "../support/browser";
import { axeReport } from "../support/axe";
import { enrolTwoFactor } from "../support/two-factor";
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

    const { secret } = await enrolTwoFactor(page, op.password);

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
    await expect.poll(() => page.getByTestId("two-factor").getByTestId("recovery-codes-left").textContent()).toBe("10 códigos de recuperação sobrando.");
  }, 60_000);
});
