import { handlers } from "@/auth";
import { BODY_LIMITS, boundedRequest } from "@/lib/server/body";
import { HttpError } from "@/lib/server/http";
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
  return handlers.POST(new NextRequest(bounded));
});
