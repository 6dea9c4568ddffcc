import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { env } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";
import { registerPhoneNumber } from "../stand-ins/graph-api";

// The "Nova caixa de entrada" form for WhatsApp on the tenant's own Meta app asks Meta (the shared
// app's Graph stand-in) before saving: an id Meta does not know is an error under "ID do número",
// with the form kept; once Meta knows it, the inbox is created and its card shows the number as
// Meta displays it. (On the platform app the dialog connects through Embedded Signup instead:
// whatsapp-embedded-signup.e2e.test.ts.)

const OWN_TOKEN = "EAAG-token-do-app-proprio-e2e";

const { browser, tenant } = e2eSuite();

describe("creating a WhatsApp inbox in the app", () => {
  it("an unknown number id is an error on its field; a number Meta knows is created and shown with its display number", { timeout: 120_000 }, async () => {
    const ctx = await browser().newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    const origin = `http://${tenant().host}`;
    await signedIn(page, origin, tenant().users.admin, "/inboxes");
    await page.goto(`${origin}/inboxes`);
    await page.getByRole("button", { name: "Nova caixa de entrada" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("radiogroup").locator("label").filter({ hasText: "WhatsApp" }).click();
    await dialog.getByRole("textbox", { name: "Nome", exact: true }).fill("WhatsApp Vendas");
    // The stand-in knows the own app's token (another number of it), not this id yet.
    await registerPhoneNumber(env().graphUrl, String(randomInt(1e12, 9e12)), undefined, { token: OWN_TOKEN });
    await dialog.getByRole("checkbox", { name: "Usar meu próprio app da Meta" }).check();
    await dialog.getByLabel("Token de acesso").fill(OWN_TOKEN);
    await dialog.getByLabel("App secret").fill("segredo-do-app-e2e");
    const id = String(randomInt(1e12, 9e12));
    const idField = dialog.getByRole("textbox", { name: /ID do número/ });
    await idField.fill(id);
    await dialog.getByRole("button", { name: "Criar caixa de entrada" }).click();
    await expect.poll(() => idField.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => dialog.innerText()).toContain("Este número não foi encontrado na sua conta do WhatsApp Business.");
    // The focus went to the field to fix; what was typed is kept.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("phoneNumberId");
    expect(await idField.inputValue()).toBe(id);

    await registerPhoneNumber(env().graphUrl, id, { display_phone_number: "+55 11 4002-8922", verified_name: "Loja Exemplo", quality_rating: "GREEN" }, { token: OWN_TOKEN });
    await dialog.getByRole("button", { name: "Criar caixa de entrada" }).click();
    await page.getByTestId("inbox-secrets").waitFor();
    await page.keyboard.press("Escape");
    const card = page.getByTestId("inbox-card").filter({ hasText: "WhatsApp Vendas" });
    await expect.poll(() => card.getByTestId("wa-display-number").innerText()).toBe("+55 11 4002-8922 · Loja Exemplo");
    await ctx.close();
  });
});
