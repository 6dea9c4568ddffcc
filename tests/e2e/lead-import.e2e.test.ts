import { describe, expect, it } from "vitest";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// The CSV import page in Chromium: upload an Excel-style file (Windows-1252, ;), the mapping is
// suggested from the headers, the preview shows the rows through it, the job runs with a progress
// bar to the end, the bad rows are downloadable; a reload of the progress URL shows the same import.

const { browser, tenant } = e2eSuite();

const cp1252 = (s: string) => Buffer.from(new Uint8Array([...s].map((ch) => ({ ã: 0xe3, ç: 0xe7, é: 0xe9, ó: 0xf3, í: 0xed })[ch] ?? ch.charCodeAt(0))));

describe("Lead import in Chromium", () => {
  it("upload → suggested mapping → preview → progress to the end; errors downloadable", async () => {
    const base = `http://${tenant().host}`;
    const ctx = await browser().newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    await signedIn(page, base, tenant().users.agent, "/");
    await page.getByRole("link", { name: "Importar leads" }).click();
    await page.waitForURL(`${base}/lead-import`);

    const lines = ["Nome;E-mail;Celular;Empresa;Observação"];
    for (let i = 1; i <= 120; i++) lines.push(i % 40 === 0 ? `Ruim ${i};sem-arroba;12;X;` : `Conceição ${i};c${i}@padaria.com.br;(11) 9${String(30_000_000 + i)};Padaria São João;obs`);
    await page.getByLabel("Arquivo CSV").setInputFiles({ name: "leads-excel.csv", mimeType: "text/csv", buffer: cp1252(lines.join("\r\n")) });
    await page.getByRole("button", { name: "Enviar arquivo" }).click();

    await page.getByTestId("import-mapping").waitFor();
    expect(await page.getByTestId("import-detected").textContent()).toBe('120 linhas · codificação Windows-1252 (Excel) · separador ";"');
    expect(await page.getByLabel("Nome").inputValue()).toBe("0");
    expect(await page.getByLabel("Telefone").inputValue()).toBe("2");
    expect(await page.getByLabel("Etiquetas").inputValue()).toBe("");
    const preview = page.getByTestId("import-preview");
    expect(await preview.locator("th").allTextContents()).toEqual(["Nome", "E-mail", "Telefone", "Empresa"]);
    expect(await preview.locator("tbody tr").first().locator("td").allTextContents()).toEqual(["Conceição 1", "c1@padaria.com.br", "(11) 930000001", "Padaria São João"]);

    // Unmap the company: the preview follows.
    await page.getByLabel("Empresa").selectOption("");
    expect(await preview.locator("th").allTextContents()).toEqual(["Nome", "E-mail", "Telefone"]);

    await page.getByRole("button", { name: "Importar", exact: true }).click();
    await page.waitForURL(/\/lead-import\?id=[0-9a-f-]{36}$/);
    const progress = page.getByTestId("import-progress");
    await expect.poll(() => progress.getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    expect(await page.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    expect(await page.getByTestId("import-inserted").textContent()).toBe("117");
    expect(await page.getByTestId("import-failed").textContent()).toBe("3");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Baixar erros (CSV)" }).click();
    const file = await (await download).path();
    const { readFile } = await import("node:fs/promises");
    expect((await readFile(file, "utf8")).split("\r\n")).toContain("41;email;E-mail inválido: sem-arroba");

    // The progress URL survives a reload (the job does not depend on the tab).
    await page.reload();
    await expect.poll(() => progress.getAttribute("data-status")).toBe("done");
    const { rows } = await owner().query("select count(*)::int as n, count(company)::int as with_company from leads where tenant_id = $1 and source = 'import'", [tenant().id]);
    expect(rows[0]).toEqual({ n: 117, with_company: 0 });
    await ctx.close();
  });
});
