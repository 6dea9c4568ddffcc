import { beforeAll, describe, expect, it } from "vitest";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// List filters kept in the address, in Chromium: the lead list filtered, a lead opened, Back — the
// filter and its rows are still there, and a reload keeps them; the export links carry the filter.

const { browser, tenant } = e2eSuite();

beforeAll(async () => {
  await owner().query(
    "insert into leads (tenant_id, name, email, source, stage, bant_score) values ($1, 'Carlos Feira', 'carlos@feira.com.br', 'web', 'qualified', 40), ($1, 'Dora Feira', 'dora@feira.com.br', 'whatsapp', 'new', 70), ($1, 'Eva Outra', 'eva@outra.com.br', 'web', 'qualified', 10)",
    [tenant().id],
  );
});

describe("list filters in the address", () => {
  it("leads: filter, open a lead, Back — filter and rows are still there; a reload keeps them", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.agent, "/leads");
    const rows = page.getByTestId("lead-row");
    await rows.filter({ hasText: "Eva Outra" }).waitFor();
    expect(await rows.count()).toBe(3);

    await page.getByRole("combobox", { name: "Todas as etapas" }).selectOption({ label: "Qualificado" });
    await page.getByRole("searchbox", { name: "Buscar", exact: true }).fill("feira");
    await page.waitForURL((u) => u.searchParams.get("q") === "feira" && u.searchParams.get("stage") === "qualified");
    await expect.poll(() => rows.count()).toBe(1);
    await rows.filter({ hasText: "Carlos Feira" }).waitFor();
    // The export links carry the filter on screen.
    const csv = new URL((await page.getByTestId("export-csv").getAttribute("href"))!, base);
    expect(JSON.parse(csv.searchParams.get("filter")!)).toMatchObject({ q: "feira", stage: "qualified" });

    await page.getByRole("link", { name: "Carlos Feira" }).click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: "Carlos Feira" }).first().waitFor();
    await page.goBack();
    await page.waitForURL((u) => u.pathname === "/leads" && u.searchParams.get("q") === "feira" && u.searchParams.get("stage") === "qualified");
    await rows.filter({ hasText: "Carlos Feira" }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByRole("searchbox", { name: "Buscar", exact: true }).inputValue()).toBe("feira");
    expect(await page.getByRole("combobox", { name: "Todas as etapas" }).inputValue()).toBe("qualified");

    await page.reload();
    await rows.filter({ hasText: "Carlos Feira" }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByRole("searchbox", { name: "Buscar", exact: true }).inputValue()).toBe("feira");
    await ctx.close();
  });

  it("a bad value in a shared address is ignored: the list shows unfiltered by it", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.agent, "/");
    await page.goto(`${base}/leads?stage=ganho&source=whatsapp`);
    const rows = page.getByTestId("lead-row");
    await rows.filter({ hasText: "Dora Feira" }).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await page.waitForURL((u) => u.search === "?source=whatsapp");
    await ctx.close();
  });
});
