import type { AppDeps } from "../deps";
import { cachedNumber } from "./whatsapp-number";
import { markIfTokenRevoked } from "../whatsapp/token-revoked";

/** Meta shows "digitando…" until our reply or 25 s; not worth holding the reply up longer than this. */
const WAIT_MS = 2_000;

/**
 * While the bot works on a lead's message: blue ticks on it and the typing indicator, so the lead
 * sees it was read. Best effort: a failure or a slow answer never holds the reply back.
 */
export async function showTyping(deps: Pick<AppDeps, "db" | "counters" | "now" | "encryptionKey" | "platformWhatsApp" | "whatsapp">, c: { tenantId: string; inboxId: string; wamid: string }): Promise<"shown" | "skipped" | "failed"> {
  try {
    const number = await cachedNumber(deps, c.tenantId, c.inboxId, { sending: true });
    if (!number) return "skipped";
    // Only a refusal does more: 190 on the business token marks the inbox (token-revoked.ts).
    const sent = deps.whatsapp.markRead(number, c.wamid, { typing: true }).then(
      () => "shown" as const,
      // markIfTokenRevoked never rejects: the race below may have settled already, and a rejection nobody awaits would crash the process.
      (err: unknown) => markIfTokenRevoked(deps, c.tenantId, c.inboxId, err).then(() => "failed" as const),
    );
    return await Promise.race([sent, new Promise<"failed">((r) => setTimeout(() => r("failed"), WAIT_MS).unref?.())]);
  } catch {
    return "failed";
  }
}
