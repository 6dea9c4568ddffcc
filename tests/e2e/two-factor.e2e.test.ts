import { randomInt } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { totpCode } from "@vendaflow/core/auth/totp";
import { axeReport } from "../support/axe";
import { enrolTwoFactor } from "../support/two-factor";
import { owner } from "../support/fixtures";
import { e2eSuite } from "../support/e2e-suite";

// Two-factor sign-in in Chromium: enrol in Meu perfil reading the key shown on screen (the test is
// the authenticator app), keep the recovery codes, sign out, sign in with the app's code, then in
// another browser with a recovery code.

const { browser, tenant } = e2eSuite();

const base = () => `http://${tenant().host}`;

/** E-mail and password; with 2FA on, the form then asks for the code (focused) and keeps the rest. */
async function passwordStep(page: Page, user: { email: string; password: string }) {
  // Its own client address, as signIn (support/browser) does: the suite's sign-ins share no "login:ip" window.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}` });
  await page.goto(`${base()}/login`);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel(/^Senha/).fill(user.password);
  await page.getByRole("button", { name: "Entrar" }).click();
}

describe("two-factor sign-in in Chromium", () => {
  it("enrol from Meu perfil → sign out → sign in with the app's code; another browser signs in with a recovery code", async () => {
    const user = tenant().users.agent;
    const page = await (await browser().newContext()).newPage();
    await passwordStep(page, user);
    await page.waitForURL(`${base()}/`);

    await page.goto(`${base()}/profile`);
    const { secret, codes } = await enrolTwoFactor(page, user.password);

    await page.getByRole("button", { name: "Sair", exact: true }).click();
    await page.waitForURL(/\/login/);
    await passwordStep(page, user);
    const loginCode = page.getByLabel(/^Código de verificação/);
    await loginCode.waitFor();
    await expect.poll(() => loginCode.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await loginCode.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await axeReport(page)).toEqual([]);
    // The enrolment spent this step's code: the next step's is what the app shows next.
    await loginCode.fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.waitForURL(`${base()}/`);

    const other = await (await browser().newContext()).newPage();
    await passwordStep(other, user);
    await other.getByRole("button", { name: /Usar um código de recuperação/ }).click();
    await other.getByLabel(/^Código de recuperação/).fill(codes[0]!);
    await other.getByRole("button", { name: "Entrar" }).click();
    await other.waitForURL(`${base()}/`);
    const used = await owner().query("select 1 from user_recovery_codes where user_id = $1 and used_at is not null", [user.id]);
    expect(used.rowCount).toBe(1);
  }, 40_000);
});
