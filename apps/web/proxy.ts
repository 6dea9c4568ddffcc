import { NextResponse, type NextRequest } from "next/server";
import { tenantForHost } from "./lib/server/host-tenant";

/**
 * Host → pages. `{slug}.ROOT_DOMAIN` (or a verified custom domain) is rewritten to the internal
 * /t/{slug}/… tree; pages then read the tenant from the Host header again, never from the path.
 * The internal tree is not reachable directly, and unknown hosts get the real 404 page.
 */
/** Same-origin rewrite target (cloning nextUrl keeps Next from treating it as an external proxy). */
function internal(req: NextRequest, pathname: string, search = "") {
  const url = req.nextUrl.clone();
  url.pathname = pathname;
  url.search = search;
  return url;
}

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const requestId = req.headers.get("x-request-id") ?? crypto.randomUUID();
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);

  if (pathname.startsWith("/t/") || pathname === "/t" || pathname.startsWith("/unknown-host")) {
    return NextResponse.rewrite(internal(req, "/unknown-host"), { request: { headers } });
  }
  if (pathname.startsWith("/api/") || pathname.startsWith("/_next/") || pathname.startsWith("/widget/")) {
    return NextResponse.next({ request: { headers } });
  }
  const { root, tenant } = await tenantForHost(req.headers.get("host"), { maxAgeMs: 10_000 });
  if (root) return NextResponse.next({ request: { headers } });
  if (!tenant) return NextResponse.rewrite(internal(req, "/unknown-host"), { request: { headers } });
  return NextResponse.rewrite(internal(req, `/t/${tenant.slug}${pathname === "/" ? "" : pathname}`, search), { request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
