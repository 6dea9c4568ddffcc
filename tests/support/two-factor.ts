import type { Page } from "playwright-core";
import { expect } from "vitest";
import { totpCode } from "@vendaflow/core/auth/totp";
import { axeReport } from "./axe";

/**
 * Turns two-factor sign-in on through its card (`data-testid="two-factor"`: Meu perfil's or the
 * operator console's, one component) as a person does: password → QR code and key → the app's
 * code (the field has the focus) → the ten recovery codes, kept. axe checks the code step and the
 * codes; the toast says the other sessions ended. Returns the key and the codes.
 */
export async function enrolTwoFactor(page: Page, password: string): Promise<{ secret: string; codes: string[] }> {
  const card = page.getByTestId("two-factor");
  await card.getByRole("button", { name: "Ativar verificação em duas etapas" }).click();
  await card.getByLabel(/^Sua senha/).fill(password);
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
  const codes = await card.getByTestId("recovery-code").allTextContents();
  expect(codes).toHaveLength(10);
  expect(await axeReport(page)).toEqual([]);
  await card.getByRole("button", { name: "Já guardei os códigos" }).click();
  await expect.poll(() => card.getByTestId("recovery-codes-left").textContent()).toBe("10 códigos de recuperação sobrando.");
  return { secret, codes };
}
