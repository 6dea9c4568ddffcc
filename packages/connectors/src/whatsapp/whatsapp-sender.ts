import type { WhatsAppSender } from "@vendaflow/core/ports/messaging";
import { createWhatsAppClient } from "./cloud-api-client";

export interface WhatsAppSenderOptions {
  graphBaseUrl: string;
  apiVersion: string;
}

/** The Messaging port on the Cloud API; each send carries its inbox's number and token. */
export function cloudApiSender(opts: WhatsAppSenderOptions): WhatsAppSender {
  return {
    async send(target, msg) {
      const client = createWhatsAppClient({ graphBaseUrl: opts.graphBaseUrl, apiVersion: opts.apiVersion, accessToken: target.accessToken, phoneNumberId: target.phoneNumberId });
      const to = "phone" in target.to ? { to: target.to.phone } : { recipient: target.to.userId };
      if (msg.kind === "text") return client.sendText(to, msg.text);
      if (msg.kind === "options") return client.sendOptions(to, msg.text, msg.options);
      return client.sendTemplate(to, msg.name, msg.language, msg.params);
    },
  };
}
