import { Kysely } from "kysely";
import pg from "pg";
import { TenantBindingDialect } from "@vendaflow/db/tenant-binding";
import type { DB } from "@vendaflow/db/types";

/**
 * A Kysely on the app's dialect (TenantBindingDialect: the binding with BEGIN, held writes) over a
 * pg pool that records the text of every query it sends, in `sent`: what reaches Postgres, round
 * trip by round trip.
 */
export function recordingDb(url: string, max: number): { db: Kysely<DB>; sent: string[] } {
  const sent: string[] = [];
  class RecordingPool extends pg.Pool {
    override async connect(): Promise<pg.PoolClient> {
      const client = await super.connect();
      if (!(client as { recorded?: boolean }).recorded) {
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        (client as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
          const q = args[0];
          sent.push(typeof q === "string" ? q : ((q as { text?: string }).text ?? "(cursor)"));
          return query(...args);
        };
        (client as { recorded?: boolean }).recorded = true;
      }
      return client;
    }
  }
  return { db: new Kysely<DB>({ dialect: new TenantBindingDialect({ pool: new RecordingPool({ connectionString: url, max }) }) }), sent };
}
