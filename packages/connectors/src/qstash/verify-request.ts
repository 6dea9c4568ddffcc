import { Receiver } from "@upstash/qstash";

export interface VerifyQStashRequestOptions {
  /** The `Upstash-Signature` header, null when absent. */
  signature: string | null;
  rawBody: string;
  /** The public URL this endpoint is reached at (what QStash signed as `sub`). */
  url: string;
  currentSigningKey: string;
  /** Defaults to the current key (the embedded scheduler has only one). */
  nextSigningKey?: string;
  /** Seconds of clock skew tolerated on nbf/exp. */
  clockTolerance?: number;
}

/**
 * Verifies a QStash callback, URL included: the Next.js helper skips the URL check, so a token
 * captured for one endpoint could be replayed against another. Never throws.
 */
export async function verifyQStashRequest(opts: VerifyQStashRequestOptions): Promise<boolean> {
  if (!opts.signature || !opts.currentSigningKey || !opts.url) return false;
  // Both keys must be set, or the SDK silently falls back to QSTASH_* environment variables;
  // devMode: false stops QSTASH_DEV from swapping in the dev server's keys.
  const receiver = new Receiver({
    currentSigningKey: opts.currentSigningKey,
    nextSigningKey: opts.nextSigningKey || opts.currentSigningKey,
    devMode: false,
  });
  try {
    return await receiver.verify({ signature: opts.signature, body: opts.rawBody, url: opts.url, clockTolerance: opts.clockTolerance });
  } catch {
    return false;
  }
}
