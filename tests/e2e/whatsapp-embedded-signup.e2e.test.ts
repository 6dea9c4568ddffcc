import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { env, owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";
import { queueSignup, registerPhoneNumber } from "../stand-ins/graph-api";

// "Nova caixa de entrada" → WhatsApp on the platform app: no phone-number id to type, only
// "Conectar com a Meta", which loads Facebook's SDK (the shared app's stand-in, FACEBOOK_SDK_URL)
// and opens Meta's Embedded Signup popup (the stand-in's, which finishes, cancels or fails as the
// test queues it). A cancel says so and stores nothing; a finish sends the code and the number to
// the server, which exchanges it, checks the number is the business's, and creates the inbox.

const { browser, tenant } = e2eSuite();

describe("connecting a WhatsApp number through Meta's Embedded Signup", () => {
  it("cancel and Meta's error say so in pt-BR and store nothing; a finished signup creates the inbox with Meta's number", { timeout: 120_000 }, async () => {
    const ctx = await browser().newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    const origin = `http://${tenant().host}`;
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await signedIn(page, origin, tenant().users.admin, "/inboxes");
    await page.goto(`${origin}/inboxes`);
    await page.getByRole("button", { name: "Nova caixa de entrada" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("radiogroup").locator("label").filter({ hasText: "WhatsApp" }).click();
    await dialog.getByRole("textbox", { name: "Nome", exact: true }).fill("WhatsApp Meta");
    // No number to type on the platform app.
    expect(await dialog.getByRole("textbox", { name: /ID do número/ }).count()).toBe(0);
    const connect = dialog.getByRole("button", { name: "Conectar com a Meta" });
    // Enabled once the SDK has loaded.
    await connect.waitFor({ timeout: 15_000 }).catch(async (err) => {
      throw new Error(`no enabled "Conectar com a Meta": ${await dialog.innerText()}`, { cause: err });
    });
    expect(await connect.isEnabled()).toBe(true);
    const stored = async (id: string) => (await owner().query("select id from inboxes where wa_phone_number_id = $1", [id])).rows;
    const named = async () => (await owner().query("select id from inboxes where tenant_id = $1 and name = 'WhatsApp Meta'", [tenant().id])).rows;

    await queueSignup(env().graphUrl, { outcome: "cancel" });
    await connect.click();
    await expect.poll(() => dialog.getByTestId("meta-signup-stopped").innerText(), { timeout: 15_000 }).toContain("Conexão cancelada na janela da Meta. Nada foi salvo");

    await queueSignup(env().graphUrl, { outcome: "error", message: "Sua conta comercial está restrita." });
    await connect.click();
    await expect.poll(() => dialog.getByTestId("meta-signup-stopped").innerText(), { timeout: 15_000 }).toBe("A Meta não concluiu a conexão: Sua conta comercial está restrita. Nada foi salvo.");
    expect(await named()).toEqual([]);

    const phoneNumberId = String(randomInt(1e12, 9e12));
    const wabaId = String(randomInt(1e12, 9e12));
    await registerPhoneNumber(env().graphUrl, phoneNumberId, { display_phone_number: "+55 11 3003-4455", verified_name: "Loja Meta", quality_rating: "GREEN" }, { wabaId });
    await queueSignup(env().graphUrl, { outcome: "finish", wabaId, phoneNumberId });
    await connect.click();
    await page.getByTestId("inbox-secrets").waitFor({ timeout: 20_000 });
    expect(await stored(phoneNumberId)).toHaveLength(1);
    await page.keyboard.press("Escape");
    const card = page.getByTestId("inbox-card").filter({ hasText: "WhatsApp Meta" });
    await expect.poll(() => card.getByTestId("wa-display-number").innerText()).toBe("+55 11 3003-4455 · Loja Meta");
    expect(violations).toEqual([]);
    await ctx.close();
  });
});
