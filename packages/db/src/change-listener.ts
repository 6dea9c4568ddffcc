import { sql, type Kysely } from "kysely";
import pg from "pg";
import type { DB } from "./types";

/** The channel db/migrations/0080_change_feed.sql notifies at every commit an open stream cares about. */
export const CHANGE_CHANNEL = "vf_changes";

/** The listener's application_name, by which instances count each other (countListeners). */
const LISTENER_NAME = "vendaflow-change-listener";

/** Listeners connected to this database, but for the backend `exceptPid` (an instance's own). */
export async function countListeners(db: Kysely<DB>, exceptPid: number | null): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_NAME} and pid <> ${exceptPid ?? -1}`.execute(db);
  return rows[0]?.n ?? 0;
}

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * One dedicated connection (outside the pool) doing LISTEN on the change channel, reconnecting
 * with backoff when it drops. `onState(true, pid)` once listening (again), with the listening
 * backend's pid: subscribers must re-read the database then, since notices sent while it was down
 * are gone; `onState(false)` when it dropped.
 * Needs a session-level connection: a transaction-pooling endpoint (Neon's -pooler) cannot LISTEN.
 */
export function listenForChanges(url: string, onChange: (payload: string) => void, onState: (listening: boolean, pid?: number) => void): ChangeListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, application_name: LISTENER_NAME });
    client = c;
    let failed = false;
    const fail = () => {
      if (failed) return;
      failed = true;
      onState(false);
      c.removeAllListeners("notification");
      c.end().catch(() => undefined);
      if (!closed) timer = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
    c.on("error", fail);
    c.on("end", fail);
    c.on("notification", (n) => {
      if (n.channel === CHANGE_CHANNEL && n.payload) onChange(n.payload);
    });
    try {
      await c.connect();
      await c.query(`listen ${CHANGE_CHANNEL}`);
      retryMs = 250;
      onState(true, (c as unknown as { processID: number }).processID);
    } catch {
      fail();
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      c?.removeAllListeners();
      c?.on("error", () => undefined);
      await c?.end().catch(() => undefined);
    },
  };
}
