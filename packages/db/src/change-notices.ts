import { sql, type Kysely } from "kysely";
import type { DB } from "./types";

/**
 * Change notices announced after the commit instead of inside it (migration 0144; docs/scaling.md
 * "Streams"): a NOTIFY holds a cluster-wide lock from its transaction's commit until the commit is
 * flushed, so transactions that notify commit one at a time. A tenant transaction of a dialect
 * given a ChangeSink sets `vf.collect_changes` with its binding; the change triggers then keep
 * their keys in the session's `vf.changes`, and the COMMIT's query first takes them
 * (app_take_changes, migration 0145: a visitor's key looked up once for the transaction) and then
 * commits (one round trip, as before). After a successful commit the sink gets the keys; a
 * transaction that rolls back (or whose COMMIT fails) undoes the setting with it, so its keys
 * never reach it.
 */

/** Added to the binding's select: the triggers collect instead of notifying. */
export const COLLECT_CHANGES = "set_config('vf.collect_changes', 'on', true)";

/**
 * What a collecting transaction's COMMIT becomes: its keys taken, then the commit, in one query. In
 * a transaction already aborted the take fails (25P02) and the commit is not reached: the pool's
 * wrapper then rolls back, which is what COMMIT would have done there (tenant-binding.ts).
 */
export const COMMIT_READING_CHANGES = "select app_take_changes() as changes; commit";

/** Receives the keys of each committed collecting transaction ('*': every key, after a bulk change). */
export type ChangeSink = (keys: string[]) => void;

/** The commit's answer split: the keys taken (node-postgres answers a query of two statements with both results) and the COMMIT's own result, as Kysely expects it. */
export function takenChanges(answer: unknown): { keys: string[]; commit: unknown } {
  if (!Array.isArray(answer)) return { keys: [], commit: answer };
  const text = (answer[0] as { rows?: { changes?: string | null }[] } | undefined)?.rows?.[0]?.changes;
  return { keys: text ? text.split("\n") : [], commit: answer[1] };
}

/**
 * Publishes keys with at most one statement in flight: keys arriving while one is on its way wait
 * and go together, each once, so a busy process sends one NOTIFY transaction per round trip
 * whatever its rate. A failed publish is reported and its keys dropped (a stream that missed a
 * wake-up reads at its next one; the database stays the source of truth).
 */
export function batchedPublisher(publish: (keys: string[]) => Promise<void>, onError: (err: unknown, keys: number) => void): (keys: string[]) => void {
  let waiting = new Set<string>();
  let busy = false;
  const next = () => {
    if (busy || !waiting.size) return;
    const keys = [...waiting];
    waiting = new Set();
    busy = true;
    publish(keys)
      .catch((err: unknown) => onError(err, keys.length))
      .finally(() => {
        busy = false;
        next();
      });
  };
  return (keys) => {
    for (const k of keys) waiting.add(k);
    next();
  };
}

/** One statement notifying every payload on the channel (as the app role; no tenant binding, no table). */
export async function notifyAll(db: Kysely<DB>, channel: string, payloads: string[]): Promise<void> {
  await sql`select pg_notify(${channel}, p) from unnest(${payloads}::text[]) as p`.execute(db);
}
