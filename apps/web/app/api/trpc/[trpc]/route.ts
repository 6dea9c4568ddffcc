import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@vendaflow/api/root";
import { DomainError } from "@vendaflow/core/errors";
import { apiContextFrom } from "@/lib/server/api-context";
import { BODY_LIMITS, boundedRequest } from "@/lib/server/body";
import { HttpError } from "@/lib/server/http";
import { log } from "@/lib/server/log";
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
    // A rate-limited call (API keys, login) says when to come back; the SDK waits that long.
    responseMeta({ errors }) {
      const retry = errors.map((e) => (e.cause instanceof DomainError ? e.cause.details?.retryAfterSeconds : undefined)).find((s) => typeof s === "number");
      return retry ? { headers: new Headers({ "retry-after": String(retry) }) } : {};
    },
    onError({ error, path, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        log.error("trpc.error", { path, requestId: ctx?.requestId, tenantId: ctx?.tenant?.id, error: error.message });
      }
    },
  });
});

export { handler as GET, handler as POST };
