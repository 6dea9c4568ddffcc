import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, typeInWidget, waitForBot } from "../support/browser";
import { startEmbeddingSite } from "../support/embedding-site";
import { env } from "../support/fixtures";
import { request } from "../support/http";
import { e2eSuite } from "../support/e2e-suite";

const { browser, tenant } = e2eSuite();

interface Seen {
  directive: string;
  blocked: string;
  disposition: string;
  source: string;
  page: string;
}

/** Records every CSP violation the page's documents see, enforced or report-only (init scripts are not subject to the page's CSP). */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: unknown[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition, source: `${e.sourceFile}:${e.lineNumber}`, page: location.pathname });
    });
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: Seen[] }).__csp);

// Every page of the dashboard's navigation, as its admin sees them.
const PAGES = ["/", "/inbox", "/conversations", "/leads", "/deals", "/companies", "/contacts", "/activities", "/flows", "/routing-rules", "/teams", "/business-hours", "/inboxes", "/automations", "/developers", "/canned-responses", "/crm-settings", "/lead-import", "/users", "/settings", "/billing", "/audit", "/privacy", "/whatsapp-costs", "/profile"];

describe("strict Content-Security-Policy", () => {
  it("each page response carries its own nonce, and no 'unsafe-inline' for scripts", async () => {
    const a = await request(env().port, tenant().host, "GET", "/login");
    const b = await request(env().port, tenant().host, "GET", "/login");
    const scriptSrc = (csp: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"))!;
    const csp = String(a.headers["content-security-policy"]);
    expect(scriptSrc(csp)).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/);
    expect(scriptSrc(String(b.headers["content-security-policy"]))).not.toBe(scriptSrc(csp));
    expect(csp).toContain("report-uri /api/csp-report");
    expect(String(a.headers["content-security-policy-report-only"])).toContain("require-trusted-types-for 'script'");
    // Next put this response's nonce on the scripts it rendered.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(a.text).toContain(`nonce="${nonce}"`);
  });

  it("the dashboard signs in and renders every page with zero enforced violations", { timeout: 300_000 }, async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await watchViolations(page);
    const origin = `http://${tenant().host}`;
    // The login form is a client component: signing in at all proves the nonce'd scripts ran.
    await signIn(page, origin, tenant().users.admin, "/");
    const seen: Seen[] = [...(await violations(page))];
    for (const path of PAGES) {
      const res = await page.goto(`${origin}${path}`, { waitUntil: "networkidle" });
      expect(res?.status(), path).toBeLessThan(400);
      seen.push(...(await violations(page)));
    }
    const enforced = seen.filter((v) => v.disposition === "enforce");
    const reportOnly = seen.filter((v) => v.disposition === "report");
    console.log(`CSP over ${PAGES.length + 1} dashboard pages: ${enforced.length} enforced violations, ${reportOnly.length} Trusted Types report-only reports${reportOnly.length ? ` (${[...new Set(reportOnly.map((v) => `${v.directive} ${v.source}`))].slice(0, 5).join("; ")})` : ""}`);
    expect(enforced).toEqual([]);
    await ctx.close();
  });

  /**
   * Loads the embedding site with `csp`, opens the widget, consents and answers the bot's first
   * question; then checks that no CSP or Trusted Types violation was seen, neither as a
   * securitypolicyviolation event nor as a report on the site's /csp-report.
   */
  async function chatOnHost(csp: (vf: string) => string, after?: (page: Page) => Promise<void>) {
    const site = await startEmbeddingSite(tenant(), { csp: (vf) => `${csp(vf)}; report-uri /csp-report` });
    try {
      const ctx = await browser().newContext();
      const page = await ctx.newPage();
      await watchViolations(page);
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(site.origin);
      await page.getByTestId("vf-bubble").click();
      await page.getByTestId("vf-consent-accept").click({ timeout: 20_000 }).catch(async (err: Error) => {
        throw new Error(`${err.message}\nCSP violations on the host page: ${JSON.stringify(await violations(page))}; reports: ${JSON.stringify(site.reports)}; errors: ${errors.join("; ")}`);
      });
      await waitForBot(page, 1, "nome");
      await typeInWidget(page, "Rita Prado");
      await waitForBot(page, 1, "e-mail");
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
      // Reports are sent asynchronously: give any pending one time to arrive before the check.
      await page.waitForTimeout(500);
      expect(site.reports).toEqual([]);
      await after?.(page);
      await ctx.close();
    } finally {
      await site.close();
    }
  }

  // docs/production.md §11: the tenant adds its Vendaflow origin to script-src and connect-src.
  const STRICT = (vf: string) => `default-src 'none'; script-src 'self' ${vf}; connect-src 'self' ${vf}; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'`;

  it("the widget works on a host page with its own strict CSP plus the one line a tenant adds", { timeout: 120_000 }, async () => {
    await chatOnHost(STRICT);
  });

  it("the widget works on a host page that enforces Trusted Types, with its policy name allowed", { timeout: 120_000 }, async () => {
    // The same line, and `vendaflow-widget` in the host's trusted-types list (docs/production.md §11).
    await chatOnHost(
      (vf) => `${STRICT(vf)}; require-trusted-types-for 'script'; trusted-types host-app vendaflow-widget`,
      async (page) => {
        // Trusted Types really are enforced on that page: a string into a script URL sink throws.
        const refused = await page.evaluate(() => {
          try {
            document.createElement("script").src = "/x.js";
            return false;
          } catch (e) {
            return e instanceof TypeError;
          }
        });
        expect(refused).toBe(true);
      },
    );
  });
});
