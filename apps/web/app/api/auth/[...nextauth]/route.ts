import { handlers, loginRateLimit } from "@/auth";
import { BODY_LIMITS, boundedRequest } from "@/lib/server/body";
import { HttpError } from "@/lib/server/http";
import { limitedHeaders } from "@/lib/server/rate-limit-headers";
import { NextRequest } from "next/server";
import { route } from "@/lib/server/route";

export const GET = route("/api/auth/[...nextauth]", "http", (req: NextRequest) => handlers.GET(req));

/** Auth.js reads the form itself: hand it the request with its body read under the auth limit. */
export const POST = route("/api/auth/[...nextauth]", "http", async (req: NextRequest) => {
  let bounded: Request;
  try {
    bounded = await boundedRequest(req, BODY_LIMITS.auth);
  } catch (err) {
    if (err instanceof HttpError) return err.response;
    throw err;
  }
  const limited: { details?: Record<string, unknown>; unavailable?: boolean } = {};
  const res = await loginRateLimit.run(limited, () => handlers.POST(new NextRequest(bounded)));
  // Same body and Location (the login form reads the error code from them), another status.
  const headers = new Headers(res.headers);
  if (limited.unavailable) {
    headers.set("retry-after", "30");
    return new Response(res.body, { status: 503, headers });
  }
  if (!limited.details) return res;
  for (const [k, v] of Object.entries(limitedHeaders(limited.details))) headers.set(k, v);
  return new Response(res.body, { status: 429, headers });
});
