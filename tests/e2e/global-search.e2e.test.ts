import { beforeAll, describe, expect, it } from "vitest";
import { axeReport } from "../support/axe";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// The header's search in Chromium: reached by "/" or Ctrl+K, typed on any page, it opens /search with a few of each kind;
// a phone typed as people write it finds the lead; a result opens its record, and Back the results.

const { browser, tenant } = e2eSuite();
let leadId: string;

beforeAll(async () => {
  const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };
  leadId = (await q("insert into leads (tenant_id, name, email, phone, source, visitor_id) values ($1, 'Márcia Ipê', 'marcia@ipe.com.br', '+5521977776666', 'web', gen_random_uuid()::text) returning id", [tenant().id])).id;
  await q("insert into companies (tenant_id, name, domain) values ($1, 'Ipê Móveis', 'ipe.com.br') returning id", [tenant().id]);
});

describe("the header's search in Chromium", () => {
  it("from the dashboard's header to the results, a record, and Back", async () => {
    const page = await (await browser().newContext({ locale: "pt-BR" })).newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.agent, "/");
    const field = page.getByRole("searchbox", { name: "Pesquisar no CRM" });
    const focused = () => field.evaluate((el) => el === document.activeElement);
    // "/" anywhere but a field puts the cursor there.
    await page.getByRole("heading", { level: 1 }).click();
    await page.keyboard.press("/");
    await expect.poll(focused).toBe(true);
    await page.keyboard.type("ipe");
    expect(await field.inputValue()).toBe("ipe");
    await field.press("Enter");
    await page.waitForURL(`${base}/search?q=ipe`);
    const leads = page.getByTestId("search-leads");
    await leads.getByRole("link", { name: "Márcia Ipê" }).waitFor();
    expect(await leads.textContent()).toContain("marcia@ipe.com.br");
    expect(await leads.textContent()).toContain("+55 21 97777-6666");
    await page.getByTestId("search-companies").getByRole("link", { name: "Ipê Móveis" }).waitFor();
    expect(await page.getByTestId("search-deals").count()).toBe(0);
    // The page's own field holds the words, and answers a phone as people type it.
    const own = page.getByTestId("search-page-input");
    expect(await own.inputValue()).toBe("ipe");
    expect(await axeReport(page)).toEqual([]);
    await own.fill("(21) 97777-6666");
    await own.press("Enter");
    await page.waitForURL(`${base}/search?q=${encodeURIComponent("(21) 97777-6666")}`);
    await expect.poll(() => page.getByTestId("search-result").count()).toBe(1);
    await leads.getByRole("link", { name: "Márcia Ipê" }).click();
    await page.waitForURL(`${base}/leads/${leadId}`);
    // Ctrl+K too, from any page.
    await page.keyboard.press("Control+k");
    await expect.poll(focused).toBe(true);
    await page.goBack();
    await page.waitForURL(`${base}/search?q=${encodeURIComponent("(21) 97777-6666")}`);
    await leads.getByRole("link", { name: "Márcia Ipê" }).waitFor();
    expect(await own.inputValue()).toBe("(21) 97777-6666");
    // Back again: the earlier words and their results.
    await page.goBack();
    await page.waitForURL(`${base}/search?q=ipe`);
    await expect.poll(() => own.inputValue()).toBe("ipe");
    await page.getByTestId("search-companies").waitFor();
    // Nothing found says so, with what to try.
    await own.fill("zzzz-nada");
    await own.press("Enter");
    await page.getByTestId("search-empty").getByText("Nada encontrado para “zzzz-nada”").waitFor();
    // What the page promises is what the search does: word beginnings, accents aside, not the middle of a word; a phone without its DDD.
    await page.getByText("Basta o começo das palavras, com ou sem acento; o telefone vale em qualquer formato.").waitFor();
    await page.getByTestId("search-empty").getByText("digite o começo das palavras (“mari” encontra “Mariana”; “ana”, não)").waitFor();
    await own.fill("cia");
    await own.press("Enter");
    await page.getByTestId("search-empty").getByText("Nada encontrado para “cia”").waitFor();
    await own.fill("marc ipe");
    await own.press("Enter");
    await leads.getByRole("link", { name: "Márcia Ipê" }).waitFor();
    await own.fill("97777 6666");
    await own.press("Enter");
    await leads.getByRole("link", { name: "Márcia Ipê" }).waitFor();
  });

  it("on a phone the header keeps a search button that opens the page", async () => {
    const page = await (await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.viewer, "/");
    expect(await page.getByRole("searchbox", { name: "Pesquisar no CRM" }).isVisible()).toBe(false);
    await page.getByRole("link", { name: "Pesquisar no CRM" }).tap();
    await page.waitForURL(`${base}/search`);
    await page.getByText("Digite um nome, e-mail, telefone ou título").waitFor();
    const own = page.getByTestId("search-page-input");
    await own.fill("Márcia");
    await own.press("Enter");
    await page.getByTestId("search-leads").getByRole("link", { name: "Márcia Ipê" }).waitFor();
  });
});
