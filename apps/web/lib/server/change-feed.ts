import { randomBytes } from "node:crypto";
import { batchedPublisher, notifyAll, type ChangeSink } from "@vendaflow/db/change-notices";
import { CHANGE_CHANNEL, countListeners, listenForChanges } from "@vendaflow/db/change-listener";
import { driverFor, type Database } from "@vendaflow/db/create-db";
import { env } from "@/lib/env";
import { log } from "./log";

// One LISTEN connection per app process (db/change-listener.ts) fans the database's change notices
// (migration 0080) out to this process's open SSE streams, so an idle stream costs the database
// nothing and a busy one reads when something it shows changed — not every few hundred ms.
// Keys: `${tenantId}` (agents' feed: any change of the tenant) and `${tenantId}:${visitorId}` (one
// widget visitor). While the listener is down (starting, reconnecting, or a Neon pooled URL that
// cannot LISTEN) `live` is false and streams poll as before; when it comes (back) every stream
// re-reads once, so a notice lost meanwhile changes nothing; when it drops, waiting streams wake and poll.
// The app's own tenant transactions announce their changes after their commit (changeSink below,
// db/change-notices.ts): this process's streams wake at once, and the keys are published for the
// other instances with this process's origin in front, which its own listener skips, and only
// while another instance listens (a lone instance publishes nothing).

type Wake = () => void;

interface Feed {
  live: boolean;
  subscribers: Map<string, Set<Wake>>;
  liveTimer?: NodeJS.Timeout;
  /** The backend of this process's listener while it listens (left out when counting the others). */
  listenerPid: number | null;
}

const g = globalThis as unknown as { __vfChangeFeed?: Feed; __vfChangeOrigin?: string };

/** How old the count of other listeners may be when an instance decides whether to publish. */
const PEERS_FRESH_MS = 2_000;
/**
 * A listener counts as live this long after it began listening, its streams polling meanwhile:
 * longer than PEERS_FRESH_MS, so what another instance did not publish because it had not yet
 * counted this one is found by that polling (and by the re-read when it turns live).
 */
const LIVE_AFTER_MS = 3_000;

/** This process's mark on the keys it publishes ("o" + 12 hex + "|"). */
const origin = (g.__vfChangeOrigin ??= `o${randomBytes(6).toString("hex")}|`);
const ORIGIN = /^o[0-9a-f]{12}\|/;

function wakeKey(f: Feed, key: string) {
  const set = f.subscribers.get(key);
  if (set) for (const wake of set) wake();
}

/** A key wakes its own streams and, for a visitor's key, the tenant's ("*": every stream, after a bulk change). */
function wakeFor(f: Feed, key: string) {
  if (key === "*") {
    for (const set of f.subscribers.values()) for (const wake of set) wake();
    return;
  }
  const colon = key.indexOf(":");
  if (colon >= 0) wakeKey(f, key.slice(0, colon));
  wakeKey(f, key);
}

/**
 * Where the app's tenant transactions hand their change keys after the commit: this process's
 * streams wake now, and with the pg driver (where instances LISTEN) the keys go to the others as
 * one NOTIFY statement per batch. With Neon's driver nobody listens (streams poll), so nothing is sent.
 */
export function changeSink(db: () => Database, driver: "pg" | "neon"): ChangeSink {
  const publish = driver === "pg" ? publisher(db) : null;
  return (keys) => {
    const f = g.__vfChangeFeed;
    if (f) for (const k of keys) wakeFor(f, k);
    publish?.(keys);
  };
}

/** Publishes keys for the other instances, in batches, while another instance listens. */
function publisher(db: () => Database): (keys: string[]) => void {
  const peers = otherListeners(db);
  return batchedPublisher(
    async (keys) => {
      if (await peers()) await notifyAll(db(), CHANGE_CHANNEL, keys.map((k) => origin + k));
    },
    (err, keys) => log.warn("change_feed.publish_failed", { keys, error: (err as Error).message }),
  );
}

/** Whether another instance listens, counted at most PEERS_FRESH_MS ago (when the count fails: assume so). */
function otherListeners(db: () => Database): () => Promise<boolean> {
  let countedAt = -Infinity;
  let known = true;
  let counting: Promise<boolean> | null = null;
  return () => {
    if (Date.now() - countedAt < PEERS_FRESH_MS) return Promise.resolve(known);
    counting ??= (async () => {
      const startedAt = Date.now();
      try {
        known = (await countListeners(db(), g.__vfChangeFeed?.listenerPid ?? null)) > 0;
        countedAt = startedAt;
      } catch {
        known = true;
      } finally {
        counting = null;
      }
      return known;
    })();
    return counting;
  };
}

function feed(): Feed {
  if (g.__vfChangeFeed) return g.__vfChangeFeed;
  const f: Feed = { live: false, subscribers: new Map(), listenerPid: null };
  g.__vfChangeFeed = f;
  const e = env();
  if (driverFor(e.DATABASE_URL, e.DATABASE_DRIVER) === "pg") {
    listenForChanges(
      e.DATABASE_URL,
      (payload) => {
        // Published by an instance after its commit (changeSink): its own were woken already.
        if (ORIGIN.test(payload)) {
          if (!payload.startsWith(origin)) wakeFor(f, payload.slice(origin.length));
          return;
        }
        wakeFor(f, payload);
      },
      (live, pid) => {
        const wakeAll = () => {
          for (const set of f.subscribers.values()) for (const wake of set) wake();
        };
        clearTimeout(f.liveTimer);
        f.listenerPid = live ? (pid ?? null) : null;
        if (!live) {
          // Down: streams waiting for a notice that will not come switch to polling now, not at
          // their wait's end (up to a minute).
          f.live = false;
          return wakeAll();
        }
        // Up (again): once the other instances have counted this listener (LIVE_AFTER_MS), re-read
        // what a lost notice may have changed and wait for notices from then on.
        f.liveTimer = setTimeout(() => {
          f.live = true;
          wakeAll();
        }, LIVE_AFTER_MS);
        f.liveTimer.unref?.();
      },
    );
  }
  return f;
}

export interface ChangeWatch {
  /** True while notices arrive; false means: poll. */
  readonly live: boolean;
  /** Resolves true at once if a notice came since the last call, else at the next one (true) or after `ms` (false). */
  wait(ms: number): Promise<boolean>;
  close(): void;
}

/** Notices for one key, from the moment of the call; the first wait() returns true (read once at start). */
export function watchChanges(key: string): ChangeWatch {
  const f = feed();
  let dirty = true;
  let resolve: ((woken: boolean) => void) | null = null;
  const wake: Wake = () => {
    dirty = true;
    resolve?.(true);
  };
  let set = f.subscribers.get(key);
  if (!set) f.subscribers.set(key, (set = new Set()));
  set.add(wake);
  return {
    get live() {
      return f.live;
    },
    async wait(ms) {
      if (!dirty) {
        await new Promise<boolean>((r) => {
          const timer = setTimeout(() => done(false), ms);
          const done = (woken: boolean) => {
            clearTimeout(timer);
            resolve = null;
            r(woken);
          };
          resolve = done;
        });
      }
      const woken = dirty;
      dirty = false;
      return woken;
    },
    close() {
      set.delete(wake);
      // Only its own set: a stream closed twice (abort, then its loop's end) after its key's set
      // emptied and a new stream of the key made another one must not unsubscribe that newcomer.
      if (!set.size && f.subscribers.get(key) === set) f.subscribers.delete(key);
      resolve?.(false);
    },
  };
}
