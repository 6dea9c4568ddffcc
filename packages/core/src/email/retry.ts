import { deflateRawSync, inflateRawSync } from "node:zlib";
import { EMAIL_RETRY_SEALED_MAX, type EmailRetryJob } from "@vendaflow/validators/email";
import type { AppDeps } from "../deps";
import { decryptCredentials, encryptCredentials } from "../inboxes/credentials";
import type { EmailMessage, EmailQueued, EmailSender } from "../ports/email";

export const EMAIL_RETRY_JOB_PATH = "/api/jobs/email-retry";

/** The wait before each retry: 1 min, 5 min, 30 min, 2 h, 6 h. About 8.5 h in all, longer than a provider's usual outage. */
export const EMAIL_RETRY_DELAYS = [60, 300, 1800, 7200, 21600] as const;

// Reaching or talking to the server failed (nodemailer's codes, or the socket's own).
const UNREACHED = /^(ECONNECTION|ETIMEDOUT|ESOCKET|EDNS|ETLS|ECONNREFUSED|ECONNRESET|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/;

/**
 * Whether a failed send is worth trying again later: an SMTP 4xx reply ("try again later", RFC
 * 5321), a server we could not reach or that dropped us, or our own login refused (EAUTH: every
 * mail fails until the operator fixes SMTP_URL, so they wait for that instead of being lost). A 5xx
 * refusal of the recipient or the message fails the same way every time: it is the caller's error.
 */
export function isTransientEmailError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
  if (code === "EAUTH") return true;
  if (typeof responseCode === "number") return responseCode >= 400 && responseCode < 500;
  return typeof code === "string" && UNREACHED.test(code);
}

type Sealed = { z: string };

/** The message compressed and sealed with the keyring's current key. */
export function sealEmail(msg: EmailMessage, keyring: string): string {
  const { attempt: _attempt, ...mail } = msg;
  return encryptCredentials<Sealed>({ z: deflateRawSync(Buffer.from(JSON.stringify(mail))).toString("base64") }, keyring);
}

/** Throws when no key of the keyring opens it (a key retired since) or it was not ours. */
export function openEmail(sealed: string, keyring: string): EmailMessage {
  const { z } = decryptCredentials<Sealed>(sealed, keyring);
  if (!z) throw new Error("sealed e-mail without its body");
  return JSON.parse(inflateRawSync(Buffer.from(z, "base64")).toString("utf8")) as EmailMessage;
}

export interface RetryQueued {
  attempt: number;
  delaySeconds: number;
  error: string;
  tenantId: string | null;
}

/**
 * Every e-mail the app sends goes through this: a send the server turns away for now
 * (isTransientEmailError) is queued as a retry job and the caller goes on, as if it had gone; the
 * job sends it again (runEmailRetry), through this same sender, each failure queuing the next
 * attempt after a longer wait (EMAIL_RETRY_DELAYS) until the last, which throws. send() says which
 * happened: nothing when the mail went, `{ queued }` when it waits. A lasting refusal, a mail too
 * big for a job body (EMAIL_RETRY_SEALED_MAX), or a retry that cannot be queued throws at once, as
 * before. Delivered at least once: a job delivered twice sends its mail twice, which a mailbox
 * survives better than a lost invite.
 */
export function retryingEmail(inner: EmailSender, deps: Pick<AppDeps, "scheduler" | "encryptionKey">, onQueued?: (q: RetryQueued) => void): EmailSender {
  return {
    kind: inner.kind,
    async send(msg): Promise<void | EmailQueued> {
      try {
        await inner.send(msg);
      } catch (err) {
        const attempt = msg.attempt ?? 0;
        if (!isTransientEmailError(err) || attempt >= EMAIL_RETRY_DELAYS.length) throw err;
        const sealed = sealEmail(msg, deps.encryptionKey);
        if (sealed.length > EMAIL_RETRY_SEALED_MAX) throw err;
        const job: EmailRetryJob = { ...(msg.tenantId ? { tenantId: msg.tenantId } : {}), sealed, attempt: attempt + 1 };
        const delaySeconds = EMAIL_RETRY_DELAYS[attempt]!;
        await deps.scheduler.schedule({ path: EMAIL_RETRY_JOB_PATH, body: job, delaySeconds }).catch(() => Promise.reject(err));
        onQueued?.({ attempt: attempt + 1, delaySeconds, error: err instanceof Error ? err.message : String(err), tenantId: msg.tenantId ?? null });
        return { queued: { attempt: attempt + 1, delaySeconds } };
      }
    },
  };
}

export type EmailRetryRun = { sent: true } | ({ sent: false } & EmailQueued) | { sent: false; lost: string };

/**
 * The retry job: opens the mail and sends it again as attempt `job.attempt` through the app's
 * sender, which queues the next attempt if it is turned away again (`queued`). What cannot be sent any more
 * (the last attempt failed, a lasting refusal, a seal no key opens) is reported lost, not thrown:
 * QStash retrying the job would change nothing.
 */
export async function runEmailRetry(deps: Pick<AppDeps, "email" | "encryptionKey">, job: EmailRetryJob): Promise<EmailRetryRun> {
  let msg: EmailMessage;
  try {
    msg = openEmail(job.sealed, deps.encryptionKey);
  } catch (err) {
    return { sent: false, lost: `unreadable: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    const queued = await deps.email.send({ ...msg, attempt: job.attempt });
    return queued ? { sent: false, ...queued } : { sent: true };
  } catch (err) {
    return { sent: false, lost: err instanceof Error ? err.message : String(err) };
  }
}
