import { NextResponse, type NextRequest } from "next/server";
import { tenantForHost } from "./lib/server/host-tenant";

/**
 * Host → pages. `{slug}.ROOT_DOMAIN` (or a verified custom domain) is rewritten to the internal
 * /t/{slug}/… tree; pages then read the tenant from the Host header again, never from the path.
 * The internal tree is not reachable directly, and unknown hosts get the real 404 page.
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const requestId = req.headers.get("x-request-id") ?? crypto.randomUUID();
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);

  if (pathname.startsWith("/t/") || pathname === "/t" || pathname.startsWith("/unknown-host")) {
    return NextResponse.rewrite(new URL("/unknown-host", req.url), { request: { headers } });
  }
  if (pathname.startsWith("/api/") || pathname.startsWith("/_next/") || pathname.startsWith("/widget/")) {
    return NextResponse.next({ request: { headers } });
  }
  const { root, tenant } = await tenantForHost(req.headers.get("host"));
  if (root) return NextResponse.next({ request: { headers } });
  if (!tenant) return NextResponse.rewrite(new URL("/unknown-host", req.url), { request: { headers } });
  const url = new URL(`/t/${tenant.slug}${pathname === "/" ? "" : pathname}${search}`, req.url);
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
