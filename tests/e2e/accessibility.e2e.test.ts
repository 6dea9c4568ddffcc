import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../support/browser";
import { axeViolations } from "../support/axe";
import { owner, seedConversationRows } from "../support/fixtures";
import { NAME_AND_BUDGET_FLOW } from "../support/flows";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";
import { openReady, type Ready } from "../support/page-ready";

// Accessibility of the signed-in dashboard: axe-core (WCAG 2.0/2.1 A and AA rules) over a
// representative set of pages as an admin sees them at 1366 px, once each page has loaded its
// data: the login form, the cockpit, the inbox with a conversation open, lists, a kanban, detail
// pages, the flow editor, forms and a dialog. Any violation of impact "serious" or "critical"
// fails the test, listed by rule, page and element. The full scan of every page is one loop over
// more paths (the audit that led to this test scanned all 33 dashboard routes). Nothing is
// excluded: should a third-party library's markup fail a rule we cannot fix, exclude that exact
// selector (axe.run's `exclude`) with a comment saying why, never the whole rule.

const { browser, tenant } = e2eSuite();
let ids: { conversation: string; deal: string; contact: string; flow: string };

beforeAll(async () => {
  // One row of everything: a conversation with a message, a deal, company and contact, an unread
  // notification (the bell shows its count), a privacy request, an API key, invoices…
  const seeded = await seedConversationRows(tenant().id);
  const one = async (sql: string, params: unknown[] = [tenant().id]) => (await owner().query(sql, params)).rows[0] as Record<string, string>;
  const flow = await one("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'BANT', 1, $2) returning flow_key", [tenant().id, JSON.stringify(NAME_AND_BUDGET_FLOW)]);
  ids = {
    conversation: seeded.conversationId,
    deal: (await one("select id from deals where tenant_id = $1"))["id"]!,
    contact: (await one("select id from contacts where tenant_id = $1"))["id"]!,
    flow: flow["flow_key"]!,
  };
});

interface Found {
  page: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** Runs axe on the page as it is now; returns its serious and critical violations, one per element. */
async function scan(page: Page, label: string): Promise<Found[]> {
  return (await axeViolations(page)).map((v) => ({ page: label, ...v }));
}

/** Opens `path` (openReady: its heading, `ready` if given, no skeleton left); it must answer below 400. */
async function open(page: Page, origin: string, path: string, ready?: Ready) {
  expect(await openReady(page, origin, path, ready), path).toBeNull();
}

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  it("the login form and the admin's dashboard pages have no serious or critical violations", { timeout: 120_000 }, async () => {
    const started = Date.now();
    const ctx = await browser().newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    const origin = `http://${tenant().host}`;
    const found: Found[] = [];

    await page.goto(`${origin}/login`);
    await page.getByLabel("E-mail").waitFor();
    found.push(...(await scan(page, "/login")));
    await signIn(page, origin, tenant().users.admin, "/");

    const pages: [string, Ready?][] = [
      ["/", (p) => p.locator('[data-testid="chart-botFunnel"]:not([data-state="loading"])')],
      [`/inbox?c=${ids.conversation}`, (p) => p.getByTestId("inbox-composer")],
      ["/conversations"],
      ["/team-load", (p) => p.getByTestId("team-load-row").first()],
      ["/leads"],
      ["/deals", (p) => p.getByTestId("deal-card")],
      [`/deals/${ids.deal}`],
      [`/contacts/${ids.contact}`],
      [`/flows/${ids.flow}`],
      ["/users", (p) => p.locator("tr[data-email]")],
      ["/developers"],
      ["/billing"],
      ["/settings", (p) => p.getByLabel("Cor principal", { exact: true })],
      ["/privacy", (p) => p.getByTestId("processing-records")],
    ];
    for (const [path, ready] of pages) {
      await open(page, origin, path, ready);
      found.push(...(await scan(page, path)));
    }

    // A dialog open over its page.
    await open(page, origin, "/contacts");
    await page.getByRole("button", { name: "Novo contato" }).first().click();
    await page.getByRole("dialog").getByLabel(/^Nome/).waitFor();
    found.push(...(await scan(page, "/contacts (dialog Novo contato)")));

    await ctx.close();
    const report = found.map((v) => `${v.rule} (${v.impact}) on ${v.page}: ${v.targets.join(" | ")}`);
    console.log(`axe over ${pages.length + 2} views in ${((Date.now() - started) / 1000).toFixed(1)} s: ${found.length} serious or critical violations`);
    expect(report, `axe found serious or critical violations:\n${report.join("\n")}`).toEqual([]);
  });

  it("at 390 px the pages with tables have no serious or critical violations, and a table that scrolls takes focus only while it scrolls", { timeout: 120_000 }, async () => {
    const ctx = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const origin = `http://${tenant().host}`;
    await signedIn(page, origin, tenant().users.admin, "/");
    const found: Found[] = [];
    // Their tables (and the settings' webhook addresses) are wider than a phone: Safari gives a
    // keyboard no way into such a box unless it is focusable (scrollable-region-focusable).
    for (const [path, ready] of [["/", (p: Page) => p.locator('[data-testid="chart-botFunnel"]:not([data-state="loading"])')], ["/billing"], ["/settings", (p: Page) => p.getByLabel("Cor principal", { exact: true })], ["/privacy", (p: Page) => p.getByTestId("processing-records")], ["/audit"]] as const) {
      await open(page, origin, path, ready);
      found.push(...(await scan(page, `${path} (390 px)`)));
    }
    const report = found.map((v) => `${v.rule} (${v.impact}) on ${v.page}: ${v.targets.join(" | ")}`);
    expect(report, `axe found serious or critical violations:\n${report.join("\n")}`).toEqual([]);
    // The privacy page's records table scrolls on the phone and is a tab stop; on a wide screen it fits and is none.
    await open(page, origin, "/privacy", (p) => p.getByTestId("processing-records"));
    const records = page.locator('[data-slot="table-container"]:has([data-testid="processing-records"])');
    await expect.poll(() => records.getAttribute("tabindex")).toBe("0");
    await page.setViewportSize({ width: 1366, height: 900 });
    await expect.poll(() => records.getAttribute("tabindex")).toBeNull();
    await ctx.close();
  });

  it("a light or mid-tone brand colour keeps text on it and text in it readable", { timeout: 60_000 }, async () => {
    const admin = await tenant().loginAs("admin");
    const ctx = await browser().newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    const origin = `http://${tenant().host}`;
    await signedIn(page, origin, tenant().users.admin, "/");
    const found: Found[] = [];
    // Yellow: white text on it and yellow links on white were both under 2:1. Green (#16a34a): white on it 3.3:1.
    for (const primaryColor of ["#eab308", "#16a34a"]) {
      expect((await admin.trpc("mutation", "tenant.updateSettings", { name: "Acessível", theme: { primaryColor, logoUrl: "", botName: "Bia" } })).error).toBeNull();
      for (const [path, ready] of [["/", (p: Page) => p.locator('[data-testid="chart-botFunnel"]:not([data-state="loading"])')], ["/users", (p: Page) => p.locator("tr[data-email]")], ["/meetings"]] as const) {
        await open(page, origin, path, ready);
        found.push(...(await scan(page, `${path} (${primaryColor})`)).filter((v) => v.rule === "color-contrast"));
      }
    }
    await ctx.close();
    const report = found.map((v) => `${v.rule} on ${v.page}: ${v.targets.join(" | ")}`);
    expect(report, report.join("\n")).toEqual([]);
  });
});
