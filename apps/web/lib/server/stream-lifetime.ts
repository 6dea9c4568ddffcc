/**
 * How long one SSE stream stays open before it ends and the EventSource reconnects with its last
 * seq: inside the platform's function limit (the routes' maxDuration, 300 s), and different for
 * every stream, so streams opened together (after a deploy or a network blip) do not all end, and
 * all come back through the proxy, token check and first read, at the same moment every few minutes.
 */
export const STREAM_LIFETIME_MS = { min: 180_000, max: 240_000 };

export const streamLifetimeMs = (random: () => number = Math.random) => STREAM_LIFETIME_MS.min + Math.floor(random() * (STREAM_LIFETIME_MS.max - STREAM_LIFETIME_MS.min));
