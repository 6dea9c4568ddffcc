import { describe, expect, it } from "vitest";
import { signIn } from "../support/browser";
import { axeReport } from "../support/axe";
import { env, owner, uniq } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// An admin moves the workspace to a new address on Configurações, through the confirmation, then
// follows the link to sign in there; the old address redirects to the new one.

const { browser, tenant } = e2eSuite();

describe("changing the workspace's address in Chromium", () => {
  it("settings → confirm → sign in at the new address; the old one redirects there", async () => {
    const next = uniq("novo-endereco");
    const oldOrigin = `http://${tenant().host}`;
    const newOrigin = `http://${next}.${env().rootDomain}`;
    const page = await (await browser().newContext()).newPage();
    await signedIn(page, oldOrigin, tenant().users.admin, "/settings");

    const card = page.getByTestId("address-card");
    await expect.poll(() => card.getByTestId("current-address").textContent()).toBe(oldOrigin);
    const field = card.getByLabel("Novo endereço");
    await field.fill("Nome Com Espaço");
    await expect.poll(() => card.getByTestId("address-preview").textContent()).toBe("Use apenas letras minúsculas, números e hífen.");
    // Sent anyway, the server's refusal lands on the field, which gets the focus.
    await card.getByRole("button", { name: "Alterar endereço" }).click();
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await field.fill(next);
    await expect.poll(() => card.getByTestId("address-preview").textContent()).toBe(`Novo endereço: ${newOrigin}`);
    expect(await axeReport(page)).toEqual([]);
    await card.getByRole("button", { name: "Alterar endereço" }).click();

    const dialog = page.getByRole("alertdialog");
    await expect.poll(() => dialog.textContent()).toContain("continua funcionando e redireciona");
    expect(await dialog.textContent()).toContain("widgets já instalados");
    expect(await dialog.textContent()).toContain("entrar de novo no novo endereço");
    expect(await axeReport(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Mudar endereço" }).click();

    const link = card.getByRole("link", { name: "Entrar no novo endereço" });
    await link.waitFor();
    // Focus goes to the way on.
    await expect.poll(() => link.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await link.getAttribute("href")).toBe(`${newOrigin}/login`);
    expect(await axeReport(page)).toEqual([]);
    expect((await owner().query("select slug from tenants where id = $1", [tenant().id])).rows[0].slug).toBe(next);

    await link.click();
    await page.waitForURL(`${newOrigin}/login`);
    await signIn(page, newOrigin, tenant().users.admin, "/");

    // The old address: a page there lands on the same path and query at the new one (signed in there).
    await page.goto(`${oldOrigin}/settings?aba=endereco`);
    await page.waitForURL(`${newOrigin}/settings?aba=endereco`);
    await expect.poll(() => page.getByTestId("current-address").textContent()).toBe(newOrigin);
  });
});
