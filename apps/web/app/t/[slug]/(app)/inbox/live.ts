"use client";
import { useEffect, useRef, useSyncExternalStore } from "react";

/**
 * One shared EventSource on /api/agent/stream per tab, however many components listen (the header's
 * bell and the inbox). Each `change` event calls every listener, which invalidates what it shows.
 * On error the connection is closed and reopened with jittered exponential backoff (1 s … 30 s);
 * while it is down `live` is false and callers poll instead (refetchInterval). A reconnect always
 * starts with a `change`, so whatever was missed is refetched.
 */
const STREAM_URL = "/api/agent/stream";
const MAX_BACKOFF_MS = 30_000;

const listeners = new Set<() => void>();
const statusListeners = new Set<() => void>();
let live = false;
let source: EventSource | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let failures = 0;

function setLive(next: boolean) {
  if (live === next) return;
  live = next;
  for (const l of statusListeners) l();
}

function connect() {
  if (source || retryTimer || listeners.size === 0) return;
  if (typeof EventSource === "undefined") return setLive(false);
  const es = new EventSource(STREAM_URL);
  source = es;
  es.addEventListener("open", () => setLive(true));
  es.addEventListener("change", () => {
    failures = 0;
    setLive(true);
    for (const l of [...listeners]) l();
  });
  es.addEventListener("error", () => {
    // The browser would retry at a fixed pace (or give up on a 401); back off ourselves instead.
    es.close();
    if (source === es) source = null;
    setLive(false);
    if (listeners.size === 0) return;
    // A random half of each step, so the agents a deploy cut off do not all come back at once
    // (the widget's reconnectDelayMs does the same; the widget is a bundle of its own).
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures);
    const delay = base / 2 + Math.random() * (base / 2);
    failures += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  });
}

function disconnect() {
  source?.close();
  source = null;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  failures = 0;
  setLive(false);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) disconnect();
  };
}

function subscribeStatus(l: () => void) {
  statusListeners.add(l);
  return () => statusListeners.delete(l);
}

/** Calls onChange on every server-side change of the tenant's conversations or my notifications; returns whether the stream is up. */
export function useAgentLive(onChange: () => void, enabled = true): boolean {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => (enabled ? subscribe(() => latest.current()) : undefined), [enabled]);
  return useSyncExternalStore(
    subscribeStatus,
    () => live,
    () => false,
  );
}

/**
 * Poll every 5 s while the live stream is down, and every 15 s while it is up: a change whose
 * notice the stream missed shows within 15 s instead of at the next one (CI's handoff e2e saw the
 * stream up and a handed-off conversation absent for 15 s; not reproduced on this machine).
 */
export const fallbackInterval = (isLive: boolean) => (isLive ? 15_000 : 5_000);
