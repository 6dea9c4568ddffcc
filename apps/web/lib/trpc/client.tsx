"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@vendaflow/api/root";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { config as zodConfig } from "zod/v4/core";

// zod compiles object parsers with `new Function` once a probe finds eval allowed; under the
// dashboard's CSP (no 'unsafe-eval') the probe itself is a reported violation. Browsers parse
// interpreted instead (the server, which shares this module during SSR, keeps the compiled path).
if (typeof window !== "undefined") zodConfig({ jitless: true });

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

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
