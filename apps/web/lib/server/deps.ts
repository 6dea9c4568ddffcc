import type { AppDeps } from "@vendaflow/core/deps";
import { keyringSpec } from "@vendaflow/core/inboxes/credentials";
import { appLinks } from "@vendaflow/core/links";
import { aiSdkModel } from "@vendaflow/connectors/ai/ai-sdk-model";
import { aiSdkTranscriber } from "@vendaflow/connectors/ai/ai-sdk-transcriber";
import { localScheduler } from "@vendaflow/connectors/qstash/local-scheduler";
import { qstashScheduler } from "@vendaflow/connectors/qstash/qstash-scheduler";
import { outboxSender } from "@vendaflow/connectors/smtp/outbox-sender";
import { disabledPayments } from "@vendaflow/connectors/stripe/disabled-payments";
import { stripePayments } from "@vendaflow/connectors/stripe/stripe-payments";
import { smtpSender } from "@vendaflow/connectors/smtp/smtp-sender";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { upstashStore } from "@vendaflow/connectors/upstash/upstash-store";
import { diskStorage } from "@vendaflow/connectors/storage/disk-storage";
import { s3Storage } from "@vendaflow/connectors/storage/s3-storage";
import { cloudApiSender } from "@vendaflow/connectors/whatsapp/whatsapp-sender";
import { httpWebhook } from "@vendaflow/connectors/webhook/http-webhook";
import { useCachesInThisProcess } from "@vendaflow/core/cache/context";
import { retryingEmail } from "@vendaflow/core/email/retry";
import { calendlyClient } from "@vendaflow/connectors/calendly/calendly-client";
import { calendlyOAuth } from "@vendaflow/connectors/calendly/calendly-oauth";
import { calcomClient } from "@vendaflow/connectors/calcom/calcom-client";
import { slackChat } from "@vendaflow/connectors/slack/slack-chat";
import { chatwootHelpdesk } from "@vendaflow/connectors/chatwoot/chatwoot-helpdesk";
import { crmSync } from "@vendaflow/connectors/crm/crm-sync";
import { vercelDomains } from "@vendaflow/connectors/vercel/vercel-domains";
import { createDb, driverFor } from "@vendaflow/db/create-db";
import { changeSink } from "./change-feed";
import { log } from "./log";
import { tracedPort } from "@vendaflow/core/observability/outbound";
import { dataDir } from "@vendaflow/db/paths";
import path from "node:path";
import { env } from "@/lib/env";

const g = globalThis as unknown as { __vfDeps?: AppDeps };

/** Jobs call back the root origin, where /api/jobs/* lives. */
export const publicBaseUrl = () => `${env().PUBLIC_PROTOCOL}://${env().ROOT_DOMAIN}`;

/**
 * The one dependency object of this process, built once from the validated environment (and kept
 * across dev hot reloads). Each port gets its production adapter when its keys are set, else its
 * embedded one, so `pnpm dev` needs no keys.
 */
export function appDeps(): AppDeps {
  if (g.__vfDeps) return g.__vfDeps;
  const e = env();
  // Change notices after the commit (change-feed.ts changeSink); the sink publishes through this same db.
  const driver = driverFor(e.DATABASE_URL, e.DATABASE_DRIVER);
  const { db } = createDb({ url: e.DATABASE_URL, driver, preparedStatements: e.DATABASE_PREPARED_STATEMENTS !== "off", changes: changeSink(() => db, driver) });
  const scheduler = tracedPort("qstash", e.QSTASH_TOKEN ? qstashScheduler({ baseUrl: e.QSTASH_URL, token: e.QSTASH_TOKEN, publicBaseUrl: publicBaseUrl() }) : localScheduler(db, publicBaseUrl()));
  const encryptionKey = keyringSpec(e.ENCRYPTION_KEY, e.ENCRYPTION_KEYS_RETIRED);
  g.__vfDeps = {
    db,
    now: () => new Date(),
    // A send the server turns away for now waits for /api/jobs/email-retry (core/email/retry.ts).
    email: retryingEmail(tracedPort("email", e.SMTP_URL ? smtpSender(e.SMTP_URL, e.EMAIL_FROM) : outboxSender(db)), { scheduler, encryptionKey }, (q) => log.warn("email.retry_queued", { ...q })),
    counters: e.UPSTASH_REDIS_REST_URL ? upstashStore(e.UPSTASH_REDIS_REST_URL, e.UPSTASH_REDIS_REST_TOKEN!) : memoryStore(),
    scheduler,
    whatsapp: tracedPort("whatsapp", cloudApiSender({ graphBaseUrl: e.WHATSAPP_GRAPH_BASE_URL, apiVersion: e.WHATSAPP_API_VERSION })),
    storage: e.S3_BUCKET
      ? s3Storage({ bucket: e.S3_BUCKET, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID!, secretAccessKey: e.S3_SECRET_ACCESS_KEY!, ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}), forcePathStyle: e.S3_FORCE_PATH_STYLE === "1" })
      : diskStorage(e.MEDIA_DIR ?? path.join(dataDir(), "media")),
    payments: tracedPort("stripe", e.STRIPE_SECRET_KEY ? stripePayments({ secretKey: e.STRIPE_SECRET_KEY, apiBase: e.STRIPE_API_BASE }) : disabledPayments()),
    links: appLinks(e.ROOT_DOMAIN, e.PUBLIC_PROTOCOL),
    webhooks: tracedPort("webhook", httpWebhook({ policy: { allowHosts: e.OUTBOUND_ALLOW_HOSTS } })),
    calendar: {
      open: (provider, token) => tracedPort(provider, provider === "calendly" ? calendlyClient(token, e.CALENDLY_API_BASE) : calcomClient(token, e.CALCOM_API_BASE)),
      calendlyOAuth:
        e.CALENDLY_CLIENT_ID && e.CALENDLY_CLIENT_SECRET ? calendlyOAuth({ clientId: e.CALENDLY_CLIENT_ID, clientSecret: e.CALENDLY_CLIENT_SECRET, authBase: e.CALENDLY_AUTH_BASE }) : null,
    },
    domains: e.VERCEL_API_TOKEN && e.VERCEL_PROJECT_ID ? tracedPort("vercel", vercelDomains({ token: e.VERCEL_API_TOKEN, project: e.VERCEL_PROJECT_ID, teamId: e.VERCEL_TEAM_ID, apiBase: e.VERCEL_API_BASE })) : null,
    chat: tracedPort("slack", slackChat({ apiUrl: e.SLACK_API_URL, policy: { allowHosts: e.OUTBOUND_ALLOW_HOSTS } })),
    // Each tenant's own Chatwoot base URL: through the SSRF guard, stand-ins allowed only by the dev allow-list.
    helpdesk: tracedPort("chatwoot", chatwootHelpdesk({ policy: { allowHosts: e.OUTBOUND_ALLOW_HOSTS } })),
    crm: crmSync({
      pipedriveApiBase: e.PIPEDRIVE_API_BASE,
      hubspot: { apiBase: e.HUBSPOT_API_URL, authBase: e.HUBSPOT_AUTH_URL, clientId: e.HUBSPOT_CLIENT_ID, clientSecret: e.HUBSPOT_CLIENT_SECRET },
      policy: { allowHosts: e.OUTBOUND_ALLOW_HOSTS },
    }),
    encryptionKey,
    tokenSecret: e.AUTH_SECRET,
    platformWhatsApp: {
      accessToken: e.WHATSAPP_ACCESS_TOKEN,
      appSecret: e.WHATSAPP_APP_SECRET,
      verifyToken: e.WHATSAPP_VERIFY_TOKEN,
      signup: e.META_APP_ID && e.WHATSAPP_SIGNUP_CONFIG_ID ? { appId: e.META_APP_ID, configId: e.WHATSAPP_SIGNUP_CONFIG_ID, sdkUrl: e.FACEBOOK_SDK_URL, apiVersion: e.WHATSAPP_API_VERSION } : null,
    },
    bot: { maxReminders: e.BOT_MAX_RETRIES, defaultTimeoutSeconds: e.BOT_DEFAULT_TIMEOUT },
    ai: {
      model: e.AI_PROVIDER ? tracedPort("ai", aiSdkModel({ provider: e.AI_PROVIDER, model: e.AI_MODEL!, apiKey: e.AI_API_KEY, baseUrl: e.AI_BASE_URL })) : null,
      threshold: e.AI_CONFIDENCE_THRESHOLD,
      timeoutMs: e.AI_TIMEOUT_MS,
      killSwitch: e.AI_KILL_SWITCH === "1",
      // Voice notes: OpenAI's audio API at the same base (validated in env.ts: not on anthropic).
      transcriber: e.AI_TRANSCRIPTION_MODEL && (e.AI_PROVIDER === "openai" || e.AI_PROVIDER === "openai-compatible") ? tracedPort("ai", aiSdkTranscriber({ provider: e.AI_PROVIDER, model: e.AI_TRANSCRIPTION_MODEL, apiKey: e.AI_API_KEY, baseUrl: e.AI_BASE_URL })) : null,
      transcriptionTimeoutMs: e.AI_TRANSCRIPTION_TIMEOUT_MS,
    },
  };
  // The hot-read caches (core/cache) signal invalidations through this process's KV store.
  useCachesInThisProcess({ counters: g.__vfDeps.counters, now: g.__vfDeps.now });
  return g.__vfDeps;
}

/** The dev outbox page exists only while mail goes to the outbox (no SMTP), and never on Vercel unless asked for. */
export const outboxEnabled = () => !env().SMTP_URL && (!env().VERCEL || env().DEV_OUTBOX === "1");
