import { Kysely } from "kysely";
import pg from "pg";
import { TenantBindingDialect } from "@vendaflow/db/tenant-binding";
import type { DB } from "@vendaflow/db/types";
import { countRoundTrips } from "./round-trips";

export interface RecordingOptions {
  /** More pg pool settings (`options: "-c lock_timeout=200"`). */
  pool?: pg.PoolConfig;
  /** Clients without node-postgres' pipeline mode, as Neon's WebSocket client is. */
  withoutPipeline?: boolean;
}

/**
 * A Kysely on the app's dialect (TenantBindingDialect: the binding with BEGIN, held writes,
 * pipelined groups) over a pg pool that records the text of every query it sends, in `sent`, and
 * counts round trips in `trips.count`: a write to the socket after something was read from it
 * starts one (queries written back to back before any answer are one round trip), and socket
 * writes in `writes.count`.
 */
export function recordingDb(url: string, max: number, opts: RecordingOptions = {}): { db: Kysely<DB>; sent: string[]; trips: { count: number }; writes: { count: number } } {
  const sent: string[] = [];
  const trips = { count: 0 };
  const writes = { count: 0 };
  class RecordingPool extends pg.Pool {
    override async connect(): Promise<pg.PoolClient> {
      const client = await super.connect();
      if (!(client as { recorded?: boolean }).recorded) {
        if (opts.withoutPipeline) delete (client as { pipeline?: boolean }).pipeline;
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
          const q = args[0];
          sent.push(typeof q === "string" ? q : ((q as { text?: string }).text ?? "(cursor)"));
          return query(...args);
        };
        countRoundTrips(client, () => trips.count++, () => writes.count++);
        (client as { recorded?: boolean }).recorded = true;
      }
      return client;
    }
  }
  return { db: new Kysely<DB>({ dialect: new TenantBindingDialect({ pool: new RecordingPool({ connectionString: url, max, ...opts.pool }) }) }), sent, trips, writes };
}
