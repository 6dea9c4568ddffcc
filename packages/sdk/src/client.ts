import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "@vendaflow/api/root";
import superjson from "superjson";

export type { RouterInputs, RouterOutputs } from "@vendaflow/api/root";

export interface VendaflowClientOptions {
  /** The tenant's origin, e.g. https://acme.vendaflow.com.br (the host selects the tenant). */
  baseUrl: string;
  /** Extra headers on every call (an API key header, once keys ship, or a session cookie). */
  headers?: () => Record<string, string>;
  /** A fetch implementation (tests, proxies); defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Typed client for the Vendaflow API: every procedure with its input and output types. */
export function createVendaflowClient(opts: VendaflowClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${opts.baseUrl.replace(/\/$/, "")}/api/trpc`,
        transformer: superjson,
        headers: opts.headers,
        fetch: opts.fetch,
      }),
    ],
  });
}

export type VendaflowClient = ReturnType<typeof createVendaflowClient>;
