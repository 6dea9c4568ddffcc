import { createWhatsAppClient } from "@vendaflow/connectors/whatsapp/cloud-api-client";
import { qstashScheduler } from "@vendaflow/connectors/qstash/qstash-scheduler";
import type { ConversationDeps, WhatsAppSender } from "@vendaflow/core/conversations/deps";
import { localScheduler } from "@vendaflow/core/jobs/local-scheduler";
import { env } from "../env";
import { deps } from "./deps";

const g = globalThis as unknown as { __vfConversationDeps?: ConversationDeps };

/** Jobs call back the root origin, where /api/jobs/* lives. */
export const publicBaseUrl = () => `${env().PUBLIC_PROTOCOL}://${env().ROOT_DOMAIN}`;

function whatsappSender(): WhatsAppSender {
  const e = env();
  return {
    async send(target, msg) {
      const client = createWhatsAppClient({ graphBaseUrl: e.WHATSAPP_GRAPH_BASE_URL, apiVersion: e.WHATSAPP_API_VERSION, accessToken: target.accessToken, phoneNumberId: target.phoneNumberId });
      if (msg.kind === "text") return client.sendText(target.to, msg.text);
      if (msg.kind === "options") return client.sendOptions(target.to, msg.text, msg.options);
      return client.sendTemplate(target.to, msg.name, msg.language, msg.params);
    },
  };
}

/** Ports for the conversation slice: QStash when configured, else the Postgres-backed local scheduler. */
export function conversationDeps(): ConversationDeps {
  if (g.__vfConversationDeps) return g.__vfConversationDeps;
  const e = env();
  const base = deps();
  g.__vfConversationDeps = {
    ...base,
    scheduler: e.QSTASH_TOKEN ? qstashScheduler({ baseUrl: e.QSTASH_URL, token: e.QSTASH_TOKEN, publicBaseUrl: publicBaseUrl() }) : localScheduler(base.db, publicBaseUrl()),
    whatsapp: whatsappSender(),
    encryptionKey: e.ENCRYPTION_KEY,
    tokenSecret: e.AUTH_SECRET,
    platformWhatsApp: { accessToken: e.WHATSAPP_ACCESS_TOKEN, appSecret: e.WHATSAPP_APP_SECRET, verifyToken: e.WHATSAPP_VERIFY_TOKEN },
    bot: { maxReminders: e.BOT_MAX_RETRIES, defaultTimeoutSeconds: e.BOT_DEFAULT_TIMEOUT },
    now: () => new Date(),
  };
  return g.__vfConversationDeps;
}
