import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@vendaflow/api/root";
import { apiContextFrom } from "@/lib/server/api-context";
import { log } from "@/lib/server/log";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => apiContextFrom(req.headers),
    onError({ error, path, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        log.error("trpc.error", { path, requestId: ctx?.requestId, tenantId: ctx?.tenant?.id, error: error.message });
      }
    },
  });

export { handler as GET, handler as POST };
