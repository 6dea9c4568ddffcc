// Which database failures are worth a retry. Webhooks answer the provider with a retry-later status
// for these (the provider redelivers and idempotency absorbs the repeat) and 200 for everything
// else, since a payload that broke a constraint once breaks it on every redelivery.

/** SQLSTATE classes of conditions that pass: connection, rollback (serialization, deadlock), resources, operator intervention, system. */
const TRANSIENT_CLASSES = new Set(["08", "40", "53", "57", "58"]);
const NODE_NETWORK = /^E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|HOSTUNREACH|NETUNREACH|AI_AGAIN|NOTFOUND)$/;

export function isTransientDbError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_CLASSES.has(code.slice(0, 2));
  if (typeof code === "string" && NODE_NETWORK.test(code)) return true;
  // pg's pool and client report lost or unavailable connections without a code.
  return typeof message === "string" && /(connection terminated|timeout exceeded when trying to connect|connection (?:error|refused)|Client has encountered a connection error)/i.test(message);
}

/** Postgres's answer to any statement but ROLLBACK in a transaction an earlier error aborted (25P02). */
export function isInFailedTransaction(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "25P02";
}
