import type { ChangeSink } from "./change-notices";
import { Pool as NeonPool, neonConfig } from "@neondatabase/serverless";
import { Kysely } from "kysely";
import pg from "pg";
import ws from "ws";
import { StatementNames } from "./prepared-statements";
import { QueryStatsPlugin } from "./query-stats";
import { TenantBindingDialect } from "./tenant-binding";
import type { DB } from "./types";

export type Database = Kysely<DB>;

export type DbDriver = "pg" | "neon";

export interface CreateDbOptions {
  url: string;
  /** Defaults to "neon" for *.neon.tech hosts, else "pg". */
  driver?: DbDriver;
  max?: number;
  /** Repeated queries as named prepared statements (prepared-statements.ts); default on. */
  preparedStatements?: boolean;
  /** Neon over a local WebSocket-to-TCP proxy (tests): host:port of the proxy. */
  neonWsProxy?: string;
  /** Tenant transactions' change keys after their commit, instead of NOTIFY inside it (change-notices.ts). */
  changes?: ChangeSink;
}

// Timestamps come back as Date; bigint counts as number (they stay far below 2^53 here).
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function driverFor(url: string, explicit?: string): DbDriver {
  if (explicit === "neon" || explicit === "pg") return explicit;
  return /\.neon\.tech(:\d+)?\//.test(url) || /\.neon\.tech$/.test(new URL(url).hostname) ? "neon" : "pg";
}

/** One Kysely instance over either driver: both speak node-postgres' Pool interface. */
export function createDb(opts: CreateDbOptions): { db: Database; close: () => Promise<void> } {
  const driver = opts.driver ?? driverFor(opts.url);
  let pool: pg.Pool | NeonPool;
  if (driver === "neon") {
    neonConfig.webSocketConstructor = ws;
    if (opts.neonWsProxy) {
      const proxy = opts.neonWsProxy;
      neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineConnect = false;
      neonConfig.pipelineTLS = false;
    }
    pool = new NeonPool({ connectionString: opts.url, max: opts.max ?? 10 });
  } else {
    // An idle connection stays 5 minutes (pg's default is 10 s). A new one is cold: no prepared
    // statement, the backend's catalog and plan caches empty, so its first transactions are slow;
    // closing the spare ones 10 s after each burst made every next burst open several at once, and
    // those seconds were the pipeline's slow replies (docs/scaling.md "Why 50 msg/s missed p95").
    pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? 10, idleTimeoutMillis: 300_000 });
  }
  pool.on("error", () => {
    /* idle client errors (server restart) surface on the next query instead of crashing */
  });
  const db = new Kysely<DB>({ dialect: new TenantBindingDialect({ pool: pool as pg.Pool, preparedStatements: opts.preparedStatements === false ? null : new StatementNames(), changes: opts.changes ?? null }), plugins: [new QueryStatsPlugin()] });
  return { db, close: () => db.destroy() };
}
