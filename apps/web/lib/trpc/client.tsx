"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@vendaflow/api/root";
import { useState, type ReactNode } from "react";
import superjson from "superjson";

// zod compiles object parsers with `new Function` once a probe finds eval allowed; under the
// dashboard's CSP (no 'unsafe-eval') the probe itself is a reported violation. Browsers parse
// interpreted instead (the server, which shares this module during SSR, keeps the compiled path).
// Set where zod reads its config (`globalThis.__zod_globalConfig`, zod/v4/core/core.js) rather
// than through `config()` from zod/v4/core: that import put ~5 KB gzipped of zod in every route,
// which (since the validators' plain/ modules) mostly load no zod at all.
if (typeof window !== "undefined") {
  const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
  (g.__zod_globalConfig ??= {}).jitless = true;
}

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: false } } }),
  );
  // Same-origin: the host decides the tenant, so the URL is relative.
  const [client] = useState(() => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
