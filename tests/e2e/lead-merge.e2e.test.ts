import { beforeAll, describe, expect, it } from "vitest";
import { axeReport } from "../support/axe";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// Merging a lead's flagged duplicate on the lead page, in Chromium: the banner, the dialog (the
// other lead, which one stays, what moves), the merge, and the lead that stays; then a merge with a
// lead found by name.

const { browser, tenant } = e2eSuite();
const ids: Record<string, string> = {};

beforeAll(async () => {
  const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };
  ids.older = (await q("insert into leads (tenant_id, name, email, source, visitor_id, created_at) values ($1, 'Renata Lobo', 'renata@lobo.com.br', 'web', gen_random_uuid()::text, now() - interval '10 days') returning id", [tenant().id])).id;
  ids.newer = (await q("insert into leads (tenant_id, name, email, phone, source, wa_id, possible_duplicate_of) values ($1, 'Renata L.', 'renata@lobo.com.br', '5511977770000', 'whatsapp', '5511977770000', $2) returning id", [tenant().id, ids.older])).id;
  const inbox = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tenant().id])).id;
  ids.conversation = (await q("insert into conversations (tenant_id, inbox_id, lead_id, status) values ($1, $2, $3, 'open') returning id", [tenant().id, inbox, ids.newer])).id;
  await q("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, 'lead', 'oi, sou a Renata') returning id", [tenant().id, ids.conversation]);
  ids.third = (await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Otávio Sem Email', 'web', gen_random_uuid()::text) returning id", [tenant().id])).id;
  ids.fourth = (await q("insert into leads (tenant_id, name, phone, source, wa_id) values ($1, 'Otávio WhatsApp', '5511966660000', 'whatsapp', '5511966660000') returning id", [tenant().id])).id;
});

describe("merging leads on the lead page", () => {
  it("the flagged duplicate: from the conversation's card to the lead → review → the older lead stays with the other's number", async () => {
    const page = await (await browser().newContext({ locale: "pt-BR" })).newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.agent, `/conversations/${ids.conversation}`);
    await page.getByTestId("possible-duplicate").getByRole("link", { name: "Revisar e mesclar no lead" }).click();
    await page.waitForURL(`${base}/leads/${ids.newer}`);
    const banner = page.getByTestId("lead-duplicate");
    await banner.getByRole("link", { name: "Renata Lobo" }).waitFor();
    expect(await axeReport(page)).toEqual([]);
    await banner.getByRole("button", { name: "Revisar e mesclar" }).click();
    const dialog = page.getByRole("dialog", { name: "Mesclar leads" });
    await dialog.waitFor();
    expect(await dialog.getByTestId("merge-other").textContent()).toBe("Renata Lobo");
    // The older lead is the one that stays, unless chosen otherwise.
    expect(await dialog.getByRole("radio", { name: /Renata Lobo/ }).isChecked()).toBe(true);
    expect(await dialog.getByTestId("merge-summary").textContent()).toContain("Renata L. deixa de existir");
    expect(await dialog.getByTestId("merge-summary").textContent()).toContain("Não é possível desfazer.");
    expect(await axeReport(page)).toEqual([]);
    await dialog.getByTestId("merge-confirm").click();
    await page.waitForURL(`${base}/leads/${ids.older}`);
    await page.getByText("Leads mesclados.").waitFor();
    await expect.poll(() => page.getByTestId("lead-duplicate").count()).toBe(0);
    await page.getByText("+55 11 97777-0000").waitFor();
    await page.goto(`${base}/leads/${ids.newer}`);
    await page.getByText("Lead não encontrado.").waitFor();
  });

  it("any lead: found by name, the current one kept on request", async () => {
    const page = await (await browser().newContext({ locale: "pt-BR" })).newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.admin, `/leads/${ids.third}`);
    await page.getByRole("button", { name: "Mesclar com outro lead" }).click();
    const dialog = page.getByRole("dialog", { name: "Mesclar leads" });
    await dialog.getByLabel("Buscar o outro lead").fill("otavio whats");
    await dialog.getByRole("button", { name: "Escolher Otávio WhatsApp" }).click();
    // Both are as old: choose the current one explicitly.
    await dialog.getByRole("radio", { name: /Otávio Sem Email/ }).check();
    expect(await dialog.getByTestId("merge-summary").textContent()).toContain("Otávio WhatsApp deixa de existir");
    await dialog.getByTestId("merge-confirm").click();
    await page.getByText("Leads mesclados.").waitFor();
    expect(page.url()).toBe(`${base}/leads/${ids.third}`);
    await page.getByText("+55 11 96666-0000").waitFor();
    expect((await owner().query("select count(*)::int as n from leads where id = $1", [ids.fourth])).rows[0].n).toBe(0);
  });
});
