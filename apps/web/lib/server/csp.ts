export const CSP_REPORT_PATH = "/api/csp-report";

/**
 * The dashboard's Content-Security-Policy, one per response (proxy.ts): scripts run only with this
 * request's nonce (Next puts it on its own scripts when it finds it in the request's CSP header) or
 * when loaded by such a script ('strict-dynamic'); no 'unsafe-inline' for scripts. Styles keep
 * 'unsafe-inline': React's style attributes need it, and a style cannot run code. Violations are
 * reported to /api/csp-report (report-uri, and report-to for browsers with the Reporting API).
 */
export function pageCsp(nonce: string, dev = false, facebook: FacebookSources | null = null): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    `connect-src 'self'${facebook ? ` ${facebook.connect.join(" ")}` : ""}`,
    ...(facebook ? [`frame-src ${facebook.frames.join(" ")}`] : []),
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `report-uri ${CSP_REPORT_PATH}`,
    "report-to csp",
  ].join("; ");
}

/** What Facebook's SDK frames and calls, added only to the page that opens Embedded Signup. */
export interface FacebookSources {
  frames: string[];
  connect: string[];
}

/**
 * The inboxes page's extra sources when Embedded Signup is configured: the SDK's own origin (its
 * script is let in by 'strict-dynamic', being added by ours) plus the facebook.com frames and calls
 * its login makes. Every other page keeps frames to 'self'.
 */
export function facebookSources(sdkUrl: string): FacebookSources {
  const sdk = new URL(sdkUrl).origin;
  const fb = ["https://www.facebook.com", "https://web.facebook.com", "https://staticxx.facebook.com"];
  return { frames: [...new Set([sdk, ...fb])], connect: [...new Set([sdk, "https://graph.facebook.com", ...fb])] };
}

/**
 * Trusted Types, report-only: Next 16's client runtime assigns script URLs and HTML to DOM sinks
 * without a Trusted Types policy of its own, so enforcing `require-trusted-types-for 'script'`
 * would stop the dashboard; reports show where our own code would need a policy.
 */
export const TRUSTED_TYPES_REPORT_ONLY = `require-trusted-types-for 'script'; report-uri ${CSP_REPORT_PATH}; report-to csp`;

/** A fresh nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
