/**
 * CORS for the widget API. Preflights are answered for any origin (they carry no data); the actual
 * request is accepted only from an origin in the inbox's allowed list, and only those get
 * Access-Control-Allow-Origin, so other sites can neither act nor read.
 */
export function preflight(req: Request) {
  const origin = req.headers.get("origin");
  return new Response(null, {
    status: 204,
    headers: {
      ...(origin ? { "access-control-allow-origin": origin } : {}),
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": "authorization, content-type",
      "access-control-max-age": "600",
      vary: "Origin",
    },
  });
}

/** The origin check: no Origin header (same-origin navigation, server-to-server) or a listed one. */
export function originAllowed(origin: string | null, allowed: string[], ownOrigins: string[]) {
  if (!origin) return true;
  const o = origin.toLowerCase();
  return allowed.includes(o) || ownOrigins.includes(o);
}

export function corsHeaders(origin: string | null): Record<string, string> {
  return origin ? { "access-control-allow-origin": origin, vary: "Origin" } : {};
}
