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
  const limited: { details?: Record<string, unknown> } = {};
  const res = await loginRateLimit.run(limited, () => handlers.POST(new NextRequest(bounded)));
  if (!limited.details) return res;
  // Same body and Location (the login form reads the error code from them), status 429.
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(limitedHeaders(limited.details))) headers.set(k, v);
  return new Response(res.body, { status: 429, headers });
});
