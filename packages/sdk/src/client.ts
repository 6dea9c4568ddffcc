import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@vendaflow/api/root";
import superjson from "superjson";
import { retryWhenRefused } from "./retry";

export type { RouterInputs, RouterOutputs } from "@vendaflow/api/root";

export interface VendaflowClientOptions {
  /** The tenant's origin, e.g. https://acme.vendaflow.com.br (the host selects the tenant). */
  baseUrl: string;
  /** A key created by an admin under Desenvolvedores → Chaves de API ("vfk_…"). */
  apiKey?: string;
  /** The public key of an API inbox, for `apiInbox.send` / `apiInbox.messages` with an API key. */
  inbox?: string;
  /** Extra headers on every call (e.g. an API inbox's own secret, or a session cookie). */
  headers?: () => Record<string, string>;
  /** A fetch implementation (tests, proxies); defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Retries of a call answered 429 or 503, each after the server's Retry-After (default 3; 0 turns retrying off). */
  maxRetries?: number;
  /** The longest Retry-After the client waits out (default 60 s); a longer one fails at once. */
  maxRetryWaitMs?: number;
}

/** Typed client for the Vendaflow API: every procedure with its input and output types. */
export function createVendaflowClient(opts: VendaflowClientOptions) {
  const base = opts.fetch ?? fetch;
  return createTRPCClient<AppRouter>({
    links: [
      // One HTTP request per call, so a 429 or 503 is retried for exactly the call it refused.
      httpLink({
        url: `${opts.baseUrl.replace(/\/$/, "")}/api/trpc`,
        transformer: superjson,
        headers: () => ({
          ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
          ...(opts.inbox ? { "x-vendaflow-inbox": opts.inbox } : {}),
          ...opts.headers?.(),
        }),
        fetch: retryWhenRefused(base, { maxRetries: opts.maxRetries ?? 3, maxWaitMs: opts.maxRetryWaitMs ?? 60_000 }),
      }),
    ],
  });
}

export type VendaflowClient = ReturnType<typeof createVendaflowClient>;

/** Every failed call rejects with this: `data.code` (e.g. "FORBIDDEN"), `data.httpStatus`, `data.zodIssues`. */
export type VendaflowError = TRPCClientError<AppRouter>;

/** Narrows an unknown rejection to a Vendaflow API error. */
export function isVendaflowError(err: unknown): err is VendaflowError {
  return err instanceof TRPCClientError;
}
