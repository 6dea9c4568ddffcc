import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { typeInWidget, waitForBot } from "../support/browser";
import { watchCspViolations, type CspViolation } from "../support/csp-violations";
import { startEmbeddingSite } from "../support/embedding-site";
import { env } from "../support/fixtures";
import { request } from "../support/http";
import { e2eSuite } from "../support/e2e-suite";

const { browser, tenant } = e2eSuite();

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

  it("only /inboxes, where Meta's Embedded Signup opens, may frame and call facebook.com and the SDK's origin", async () => {
    const directive = (csp: string, name: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? null;
    const inboxes = String((await request(env().port, tenant().host, "GET", "/inboxes")).headers["content-security-policy"]);
    const sdk = new URL(env().graphUrl).origin;
    expect(directive(inboxes, "frame-src")).toBe(`frame-src ${sdk} https://www.facebook.com https://web.facebook.com https://staticxx.facebook.com`);
    expect(directive(inboxes, "connect-src")).toContain(`'self' ${sdk} https://graph.facebook.com`);
    const leads = String((await request(env().port, tenant().host, "GET", "/leads")).headers["content-security-policy"]);
    expect(directive(leads, "frame-src")).toBeNull();
    expect(directive(leads, "connect-src")).toBe("connect-src 'self'");
  });

  // Every dashboard page renders with nothing blocked by this policy: the page walk checks it
  // (phone-pages.e2e.test.ts, at 390 and 1366 px).

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
      const seen: CspViolation[] = [];
      await watchCspViolations(page, (v) => seen.push(v));
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(site.origin);
      await page.getByTestId("vf-bubble").click();
      await page.getByTestId("vf-consent-accept").click({ timeout: 20_000 }).catch(async (err: Error) => {
        throw new Error(`${err.message}\nCSP violations on the host page: ${JSON.stringify(seen)}; reports: ${JSON.stringify(site.reports)}; errors: ${errors.join("; ")}`);
      });
      await waitForBot(page, 1, "nome");
      await typeInWidget(page, "Rita Prado");
      await waitForBot(page, 1, "e-mail");
      expect(errors).toEqual([]);
      // Reports and the watcher's calls arrive asynchronously: give any pending one time to arrive before the checks.
      await page.waitForTimeout(500);
      expect(seen).toEqual([]);
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
