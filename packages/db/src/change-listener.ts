import pg from "pg";

/** The channel db/migrations/0080_change_feed.sql notifies at every commit an open stream cares about. */
export const CHANGE_CHANNEL = "vf_changes";

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * One dedicated connection (outside the pool) doing LISTEN on the change channel, reconnecting
 * with backoff when it drops. `onState(true)` once listening (again): subscribers must re-read the
 * database then, since notices sent while it was down are gone; `onState(false)` when it dropped.
 * Needs a session-level connection: a transaction-pooling endpoint (Neon's -pooler) cannot LISTEN.
 */
export function listenForChanges(url: string, onChange: (payload: string) => void, onState: (listening: boolean) => void): ChangeListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, application_name: "vendaflow-change-listener" });
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
      onState(true);
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
