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
/**
 * A tab hidden this long gives its connection back (a stream held open for a visitor who is not
 * looking costs the server memory, and polling costs it queries); shown again, it reconnects at
 * once from the latest seq, so what arrived meanwhile comes then.
 */
export const HIDDEN_CLOSE_MS = 60_000;

/**
 * Wait before reconnect attempt `failures` (1, 2, …): exponential (1 s, 2 s, 4 s… max 30 s), of
 * which a random half, so the visitors a deploy or a blip cut off together do not all come back in
 * the same instant at every step (the server also ends its streams at random ages: stream-lifetime.ts).
 */
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF_MS);
  return base / 2 + random() * (base / 2);
}

function data(e: Event): unknown {
  try {
    return JSON.parse((e as MessageEvent<string>).data) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Real-time feed: EventSource (`message` and `typing` events), reconnecting with jittered
 * exponential backoff (reconnectDelayMs) from the latest seq; after 3 failures in a row (or without
 * EventSource) it polls every 3s until SSE comes back. Hidden for HIDDEN_CLOSE_MS, it closes the
 * stream and stops polling until the tab is shown again. Returns a stop function.
 */
export function openStream(o: StreamOptions): () => void {
  const hasSse = typeof EventSource === "function";
  let es: EventSource | undefined;
  let failures = 0;
  let stopped = false;
  /** Hidden long enough: no connection, no polling, until the tab is shown. */
  let paused = false;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every start/stop of polling, so a stale in-flight tick cannot fork a second loop. */
  let pollRun = 0;
  let polling = false;
  let pollOk = false;

  function connect(): void {
    retryTimer = undefined;
    if (stopped || paused) return;
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
      // Whoever was typing may have stopped while we could not hear it: no "digitando…" left lingering.
      o.onTyping(false);
      if (!(polling && pollOk)) o.onConnected(false);
      if (failures >= FAILURES_BEFORE_POLLING) startPolling();
      retryTimer = setTimeout(connect, reconnectDelayMs(failures));
    };
  }

  function startPolling(): void {
    if (polling || stopped || paused) return;
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
      o.onTyping(false);
      if (!es || es.readyState !== EventSource.OPEN) o.onConnected(false);
    }
    if (!stopped && run === pollRun) pollTimer = setTimeout(() => void tick(run), POLL_MS);
  }

  /** Back online: retry now instead of waiting for the backoff. */
  function online(): void {
    if (es || stopped || paused || !hasSse) return;
    clearTimeout(retryTimer);
    connect();
  }

  /** Closes the stream, its retry and the polling loop (stop and pause alike). */
  function disconnect(): void {
    es?.close();
    es = undefined;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    stopPolling();
  }

  function pause(): void {
    hideTimer = undefined;
    paused = true;
    disconnect();
    // The server only announces typing when it changes: a stale "digitando…" must not outlive the pause.
    o.onTyping(false);
  }

  function visibility(): void {
    if (document.hidden) {
      if (!paused && hideTimer === undefined) hideTimer = setTimeout(pause, HIDDEN_CLOSE_MS);
      return;
    }
    clearTimeout(hideTimer);
    hideTimer = undefined;
    if (!paused) return;
    paused = false;
    connect();
    // Where SSE kept failing before the pause, poll at once too rather than after three more failures.
    if (failures >= FAILURES_BEFORE_POLLING) startPolling();
  }

  addEventListener("online", online);
  document.addEventListener("visibilitychange", visibility);
  connect();
  visibility();

  return () => {
    stopped = true;
    removeEventListener("online", online);
    document.removeEventListener("visibilitychange", visibility);
    clearTimeout(hideTimer);
    disconnect();
  };
}
