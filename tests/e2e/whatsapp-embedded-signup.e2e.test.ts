import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { env, owner } from "../support/fixtures";
import { request } from "../support/http";
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

  it("an inbox connected by id before the signup: the card recommends “Reconectar com a Meta”, which attaches the proof to it; Meta's PARTNER_REMOVED shows on the card", { timeout: 120_000 }, async () => {
    const ctx = await browser().newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    const origin = `http://${tenant().host}`;
    const phoneNumberId = String(randomInt(1e12, 9e12));
    const wabaId = String(randomInt(1e12, 9e12));
    await registerPhoneNumber(env().graphUrl, phoneNumberId, { display_phone_number: "+55 11 3003-7788", verified_name: "Loja Antiga", quality_rating: "GREEN" }, { wabaId });
    await owner().query("insert into inboxes (tenant_id, name, channel, wa_phone_number_id, settings) values ($1, 'WhatsApp antigo', 'whatsapp', $2, $3)", [tenant().id, phoneNumberId, JSON.stringify({ allowedOrigins: [], schedulingUrl: "", templates: {} })]);
    await signedIn(page, origin, tenant().users.admin, "/inboxes");
    await page.goto(`${origin}/inboxes`);
    const card = page.getByTestId("inbox-card").filter({ hasText: "WhatsApp antigo" });
    await expect.poll(() => card.getByTestId("wa-reconnect").innerText(), { timeout: 15_000 }).toContain("Recomendamos reconectar este número pela Meta");
    await card.getByRole("button", { name: "Reconectar com a Meta" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByRole("textbox", { name: "Nome", exact: true }).inputValue()).toBe("WhatsApp antigo");
    const connect = dialog.getByRole("button", { name: "Conectar com a Meta" });
    await connect.waitFor({ timeout: 15_000 });
    await queueSignup(env().graphUrl, { outcome: "finish", wabaId, phoneNumberId });
    await connect.click();
    await page.getByTestId("inbox-secrets").waitFor({ timeout: 20_000 });
    await page.keyboard.press("Escape");
    // The same inbox, now with the proof: no recommendation any more, Meta's number shown.
    expect((await owner().query("select count(*)::int as n from inboxes where wa_phone_number_id = $1", [phoneNumberId])).rows).toEqual([{ n: 1 }]);
    await expect.poll(() => card.getByTestId("wa-display-number").innerText()).toBe("+55 11 3003-7788 · Loja Antiga");
    expect(await card.getByTestId("wa-reconnect").count()).toBe(0);

    const raw = JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "520744086200222", time: Math.floor(Date.now() / 1000), changes: [{ field: "account_update", value: { event: "PARTNER_REMOVED", waba_info: { waba_id: wabaId, owner_business_id: "1" } } }] }] });
    expect((await request(env().port, env().rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw })).status).toBe(200);
    await page.reload();
    await expect.poll(() => card.getByTestId("wa-disconnected").innerText(), { timeout: 15_000 }).toContain("A Meta informou que a empresa removeu o acesso da plataforma");
    expect(await card.getByRole("button", { name: "Reconectar com a Meta" }).count()).toBe(1);
    await ctx.close();
  });

  it("a business token Meta revoked (token_revoked) offers the reconnect; Meta's restriction is a warning until it expires; the demo's seeded inbox asks for no reconnect", { timeout: 120_000 }, async () => {
    const ctx = await browser().newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    const origin = `http://${tenant().host}`;
    const day = 86_400_000;
    const settings = {
      allowedOrigins: [],
      schedulingUrl: "",
      templates: {},
      waDisconnected: { reason: "token_revoked", event: "OAUTH_190", at: new Date().toISOString() },
      waRestriction: {
        event: "ACCOUNT_RESTRICTION",
        at: new Date().toISOString(),
        violationType: "ADULT",
        restrictions: [
          { type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiresAt: new Date(Date.now() + 3 * day).toISOString() },
          { type: "RESTRICTED_ADD_PHONE_NUMBER_ACTION", expiresAt: new Date(Date.now() - day).toISOString() },
        ],
      },
    };
    await owner().query("insert into inboxes (tenant_id, name, channel, wa_phone_number_id, settings) values ($1, 'WhatsApp revogado', 'whatsapp', $2, $3)", [tenant().id, String(randomInt(1e12, 9e12)), JSON.stringify(settings)]);
    await signedIn(page, origin, tenant().users.admin, "/inboxes");
    await page.goto(`${origin}/inboxes`);
    const card = page.getByTestId("inbox-card").filter({ hasText: "WhatsApp revogado" });
    await expect.poll(() => card.getByTestId("wa-disconnected").innerText(), { timeout: 15_000 }).toContain("A Meta revogou o acesso deste número. Reconecte com a Meta.");
    expect(await card.getByRole("button", { name: "Reconectar com a Meta" }).count()).toBe(1);
    const warning = await card.getByTestId("wa-restricted").innerText();
    expect(warning).toContain("A Meta restringiu esta conta do WhatsApp Business");
    expect(warning).toContain("Violação das políticas registrada pela Meta (ADULT)");
    expect(warning).toContain("Iniciar conversas com clientes está bloqueado até");
    // The expired one is not shown (Meta sends nothing when it ends).
    expect(warning).not.toContain("Adicionar números");

    // The demo tenant's seeded WhatsApp inbox: a made-up number, no Meta behind it, nothing to reconnect.
    const demo = `http://demo.${env().rootDomain}`;
    await signedIn(page, demo, { email: "admin@demo.com", password: "demo-admin-123" }, "/inboxes");
    await page.goto(`${demo}/inboxes`);
    const seeded = page.getByTestId("inbox-card").filter({ hasText: "WhatsApp Comercial" });
    await seeded.getByTestId("wa-phone-number-id").waitFor({ timeout: 15_000 });
    expect(await seeded.getByTestId("wa-reconnect").count()).toBe(0);
    expect(await page.getByText("Reconectar com a Meta").count()).toBe(0);
    await ctx.close();
  });
});
