import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { internalMessage, isTransientFailure, retryAfterSeconds } from "@vendaflow/api/caller-errors";
import { appRouter } from "@vendaflow/api/root";
import { DomainError } from "@vendaflow/core/errors";
import { apiContextFrom } from "@/lib/server/api-context";
import { BODY_LIMITS, boundedRequest } from "@/lib/server/body";
import { HttpError } from "@/lib/server/http";
import { log } from "@/lib/server/log";
import { limitedHeaders } from "@/lib/server/rate-limit-headers";
import { route } from "@/lib/server/route";

const handler = route("/api/trpc/[trpc]", "http", async (incoming: Request) => {
  let req: Request;
  try {
    req = await boundedRequest(incoming, BODY_LIMITS.trpc);
  } catch (err) {
    if (err instanceof HttpError) return err.response;
    throw err;
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => apiContextFrom(req.headers),
    // A refused call (rate limit, KV down, a transient database failure) says when to come back, with the RateLimit-* fields of its policy when it had one.
    responseMeta({ errors }) {
      for (const e of errors) {
        const seconds = retryAfterSeconds(e);
        if (seconds === null) continue;
        return { headers: new Headers(e.cause instanceof DomainError ? limitedHeaders(e.cause.details) : { "retry-after": String(seconds) }) };
      }
      return {};
    },
    // The caller got a pt-BR sentence (api/caller-errors.ts); the log keeps what happened.
    onError({ error, path, ctx }) {
      const transient = isTransientFailure(error);
      if (error.code === "INTERNAL_SERVER_ERROR" || transient) {
        log[transient ? "warn" : "error"](transient ? "trpc.transient" : "trpc.error", { path, requestId: ctx?.requestId, tenantId: ctx?.tenant?.id, error: internalMessage(error) });
      }
    },
  });
});

export { handler as GET, handler as POST };
