import type { Page } from "playwright-core";

export interface CspViolation {
  directive: string;
  blocked: string;
  /** "enforce", or "report" for a report-only policy's. */
  disposition: string;
  source: string;
  page: string;
}

/**
 * Hands every CSP violation the page's documents see, enforced or report-only, to `seen` as it
 * happens, on every page the tab opens after this (an init script and a binding are not subject to
 * the page's CSP). The call reaches Node asynchronously: read what was seen after the page settled.
 */
export async function watchCspViolations(page: Page, seen: (v: CspViolation) => void): Promise<void> {
  await page.exposeFunction("__vfCspViolation", seen);
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      void (window as unknown as { __vfCspViolation: (v: CspViolation) => Promise<void> }).__vfCspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition, source: `${e.sourceFile}:${e.lineNumber}`, page: location.pathname });
    });
  });
}
