import type { CoreDeps } from "@vendaflow/core/context";
import { outboxSender } from "@vendaflow/core/email/outbox-sender";
import { smtpSender } from "@vendaflow/core/email/smtp-sender";
import { appLinks } from "@vendaflow/core/links";
import { memoryStore } from "@vendaflow/core/rate-limit/memory-store";
import { upstashStore } from "@vendaflow/core/rate-limit/upstash-store";
import { createDb } from "@vendaflow/db/create-db";
import { env } from "../env";

const g = globalThis as unknown as { __vfDeps?: CoreDeps };

/** Process-wide ports, built once (and kept across dev hot reloads). */
export function deps(): CoreDeps {
  if (g.__vfDeps) return g.__vfDeps;
  const e = env();
  const { db } = createDb({ url: e.DATABASE_URL, driver: e.DATABASE_DRIVER });
  g.__vfDeps = {
    db,
    email: e.SMTP_URL ? smtpSender(e.SMTP_URL, e.EMAIL_FROM) : outboxSender(db),
    counters: e.UPSTASH_REDIS_REST_URL ? upstashStore(e.UPSTASH_REDIS_REST_URL, e.UPSTASH_REDIS_REST_TOKEN!) : memoryStore(),
    links: appLinks(e.ROOT_DOMAIN, e.PUBLIC_PROTOCOL),
  };
  return g.__vfDeps;
}

/** The dev outbox page exists only while mail goes to the outbox (no SMTP), and never on Vercel unless asked for. */
export const outboxEnabled = () => !env().SMTP_URL && (!env().VERCEL || env().DEV_OUTBOX === "1");
