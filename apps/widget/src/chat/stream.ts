import { isMessage, type MessagesOutput, type WidgetMessage } from "./types";

export interface StreamOptions {
  /** SSE URL resuming after the latest seq seen (re-read on every reconnect). */
  url(): string;
  /** Polling fallback: GET /messages?after=<latest seq>. */
  poll(): Promise<MessagesOutput>;
  onMessage(message: WidgetMessage): void;
  onTyping(typing: boolean): void;
  /** false while neither SSE nor polling works ("Reconectando…"). */
  onConnected(connected: boolean): void;
}

const POLL_MS = 3_000;
const MAX_BACKOFF_MS = 30_000;
/** Consecutive SSE failures before polling kicks in (SSE keeps being retried with backoff). */
const FAILURES_BEFORE_POLLING = 3;

function data(e: Event): unknown {
  try {
    return JSON.parse((e as MessageEvent<string>).data) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Real-time feed: EventSource (`message` and `typing` events), reconnecting with exponential
 * backoff (1s, 2s, 4s… max 30s) from the latest seq; after 3 failures in a row (or without
 * EventSource) it polls every 3s until SSE comes back. Returns a stop function.
 */
export function openStream(o: StreamOptions): () => void {
  const hasSse = typeof EventSource === "function";
  let es: EventSource | undefined;
  let failures = 0;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every start/stop of polling, so a stale in-flight tick cannot fork a second loop. */
  let pollRun = 0;
  let polling = false;
  let pollOk = false;

  function connect(): void {
    retryTimer = undefined;
    if (stopped) return;
    if (!hasSse) return startPolling();
    const s = (es = new EventSource(o.url()));
    s.onopen = () => {
      failures = 0;
      stopPolling();
      o.onConnected(true);
    };
    s.addEventListener("message", (e) => {
      const d = data(e) as { message?: unknown } | undefined;
      const m = isMessage(d) ? d : d?.message;
      if (isMessage(m)) o.onMessage(m);
    });
    s.addEventListener("typing", (e) => {
      const d = data(e) as { typing?: unknown } | undefined;
      if (d) o.onTyping(d.typing === true);
    });
    s.onerror = () => {
      if (es !== s) return;
      s.close();
      es = undefined;
      failures++;
      if (!(polling && pollOk)) o.onConnected(false);
      if (failures >= FAILURES_BEFORE_POLLING) startPolling();
      retryTimer = setTimeout(connect, Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF_MS));
    };
  }

  function startPolling(): void {
    if (polling || stopped) return;
    polling = true;
    pollOk = false;
    void tick(++pollRun);
  }

  function stopPolling(): void {
    polling = false;
    pollRun++;
    clearTimeout(pollTimer);
  }

  async function tick(run: number): Promise<void> {
    try {
      const r = await o.poll();
      if (run !== pollRun) return;
      pollOk = true;
      for (const m of r.messages) o.onMessage(m);
      o.onTyping(r.typing);
      o.onConnected(true);
    } catch {
      if (run !== pollRun) return;
      pollOk = false;
      if (!es || es.readyState !== EventSource.OPEN) o.onConnected(false);
    }
    if (!stopped && run === pollRun) pollTimer = setTimeout(() => void tick(run), POLL_MS);
  }

  /** Back online: retry now instead of waiting for the backoff. */
  function online(): void {
    if (es || stopped || !hasSse) return;
    clearTimeout(retryTimer);
    connect();
  }

  addEventListener("online", online);
  connect();

  return () => {
    stopped = true;
    removeEventListener("online", online);
    es?.close();
    es = undefined;
    clearTimeout(retryTimer);
    stopPolling();
  };
}
