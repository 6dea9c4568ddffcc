import { NextResponse, type NextRequest } from "next/server";
import { env } from "./lib/env";
import { CSP_REPORT_PATH, facebookSources, newNonce, pageCsp, TRUSTED_TYPES_REPORT_ONLY } from "./lib/server/csp";
import { appDeps } from "./lib/server/deps";
import { tenantForHost } from "./lib/server/host-tenant";
import { requestIdFrom } from "./lib/server/request-meta";

/**
 * Same-origin rewrite target. Next treats a rewrite as internal only when its origin is exactly the
 * one it was started on (`-H`/`-p`); nextUrl is normalised to localhost, so under `-H 127.0.0.1`
 * (behind a reverse proxy) a rewrite built from it looked external and Next proxied it. With
 * skipProxyUrlNormalize (next.config.ts) req.url is the URL as Next received it: build on that.
 */
function internal(req: NextRequest, pathname: string, search = "") {
  const url = new URL(req.url);
  url.pathname = pathname;
  url.search = search;
  return url;
}

/**
 * Host → pages. `{slug}.ROOT_DOMAIN` (or a verified custom domain) is rewritten to the internal
 * /t/{slug}/… tree; pages then read the tenant from the Host header again, never from the path.
 * The internal tree is not reachable directly, and unknown hosts get the real 404 page.
 * Every request gets an x-request-id (kept when the caller sent a UUID) for logs and traces.
 */
export async function proxy(req: NextRequest) {
  const requestId = requestIdFrom(req.headers);
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  // Pages get a CSP with a nonce of their own; Next reads it from the request's header and puts it
  // on the scripts it renders (the root layout reads the header too, which keeps pages dynamic).
  const page = !API_OR_ASSET.test(req.nextUrl.pathname);
  const e = env();
  // Only the inboxes page opens Meta's Embedded Signup: only it may frame and call facebook.com.
  const facebook = page && req.nextUrl.pathname === "/inboxes" && e.META_APP_ID && e.WHATSAPP_SIGNUP_CONFIG_ID ? facebookSources(e.FACEBOOK_SDK_URL) : null;
  const csp = page ? pageCsp(newNonce(), e.NODE_ENV === "development", facebook) : null;
  if (csp) headers.set("content-security-policy", csp);
  const res = await route(req, headers);
  res.headers.set("x-request-id", requestId);
  if (csp) {
    res.headers.set("content-security-policy", csp);
    res.headers.set("content-security-policy-report-only", TRUSTED_TYPES_REPORT_ONLY);
    res.headers.set("reporting-endpoints", `csp="${CSP_REPORT_PATH}"`);
  }
  return res;
}

const API_OR_ASSET = /^\/(api|_next|widget)\//;

/** Percent-escapes that do not decode to UTF-8 (e.g. %ED%A0%80) would fail Next's own param decoding as a 500. */
function decodable(pathname: string) {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

async function route(req: NextRequest, headers: Headers) {
  const { pathname, search } = req.nextUrl;
  if (!decodable(pathname)) return NextResponse.json({ error: "bad_request", message: "Endereço inválido." }, { status: 400 });
  const pass = { request: { headers } };
  if (pathname.startsWith("/t/") || pathname === "/t" || pathname.startsWith("/unknown-host")) {
    return NextResponse.rewrite(internal(req, "/unknown-host"), pass);
  }
  if (API_OR_ASSET.test(pathname)) {
    return NextResponse.next(pass);
  }
  const { root, tenant, moved } = await tenantForHost(req.headers.get("host"));
  if (root) return NextResponse.next(pass);
  if (!tenant) return NextResponse.rewrite(internal(req, "/unknown-host"), pass);
  // A previous address of the workspace (tenancy/slug.ts): pages move to the new one, same path and
  // query; 308 keeps the method (a form posted to the old address is not turned into a GET).
  if (moved) return NextResponse.redirect(appDeps().links.tenantUrl(tenant.slug, `${pathname}${search}`), 308);
  return NextResponse.rewrite(internal(req, `/t/${tenant.slug}${pathname === "/" ? "" : pathname}`, search), pass);
}

export const config = {
  // File uploads are left out: a route the proxy matches gets its body through a copy that stops
  // at 10 MB (Next's proxyClientMaxBodySize), so a larger or undeclared-length body would reach it
  // cut short instead of refused. /api/ routes need no rewrite. (/api/agent/media: 32 MB files;
  // /api/crm/import: 10 MB CSVs.) The two routes every lead message takes (a WhatsApp webhook, a
  // widget send) skip it too: for them it only copied the body and the headers (route() sets their
  // x-request-id itself; docs/scaling.md "The proxy on the message routes"). `$`: only those
  // paths; /api/crm/import/{id}/errors keeps the proxy's check of undecodable percent-escapes (a
  // 500 in Next's param decoding otherwise). /icon.svg (app/icon.svg, the pages' <link rel="icon">)
  // lives at the app's root: rewritten to /t/{slug}/icon.svg on a tenant host it was a 404.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg$|api/agent/media$|api/crm/import$|api/whatsapp$|api/widget/send$).*)"],
};
