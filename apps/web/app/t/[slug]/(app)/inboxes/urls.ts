import type { RouterOutputs } from "@vendaflow/api/root";

export type InboxView = RouterOutputs["inboxes"]["list"][number];
export type Channel = InboxView["channel"];
export type InboxSettingsView = InboxView["settings"];

/** Where the inbox's public URLs live: the tenant's own host (widget) and the root host (webhooks). */
export interface Origins {
  tenantOrigin: string;
  rootOrigin: string;
}

/** Where the widget's bubble sits (loader.js: data-side, data-bottom in px). */
export interface BubblePlacement {
  side: "right" | "left";
  bottom: number;
}
export const BUBBLE_BOTTOM_MAX = 400;

/** The snippet to paste; the placement's attributes only when they differ from the default (right, 20 px). */
export const widgetSnippet = (tenantOrigin: string, publicKey: string, place: BubblePlacement = { side: "right", bottom: 20 }) =>
  `<script async src="${tenantOrigin}/widget/v1/loader.js" data-inbox="${publicKey}"${place.side === "left" ? ' data-side="left"' : ""}${place.bottom !== 20 ? ` data-bottom="${place.bottom}"` : ""}></script>`;

/** Platform app → shared endpoint; own Meta app → a path keyed per inbox. */
export const whatsappWebhookUrl = (rootOrigin: string, webhookKey: string | null) =>
  webhookKey ? `${rootOrigin}/api/whatsapp/${webhookKey}` : `${rootOrigin}/api/whatsapp`;

export const sdkExample = (tenantOrigin: string, publicKey: string) => `import { createVendaflowClient } from "@vendaflow/sdk/client";

const vendaflow = createVendaflowClient({
  baseUrl: "${tenantOrigin}",
  headers: () => ({
    "x-vendaflow-inbox": "${publicKey}",
    authorization: \`Bearer \${process.env.VENDAFLOW_INBOX_SECRET}\`,
  }),
});

// Envia a mensagem do lead e recebe as respostas do bot na mesma chamada.
const { replies } = await vendaflow.apiInbox.send.mutate({
  externalLeadId: "cliente-123",
  clientMessageId: crypto.randomUUID(),
  text: "Olá, quero saber mais",
});

// Histórico do lead (a partir de uma sequência).
const messages = await vendaflow.apiInbox.messages.query({ externalLeadId: "cliente-123", after: 0 });`;

/** Textarea (one per line) ⇄ list. */
export const linesToList = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** The first error whose zod path starts with one of the prefixes (e.g. "settings.allowedOrigins" matches ".3"). */
export function errorAt(errors: Record<string, string>, ...prefixes: string[]): string | undefined {
  for (const p of prefixes) {
    if (errors[p]) return errors[p];
    const hit = Object.keys(errors).find((k) => k.startsWith(`${p}.`));
    if (hit) return errors[hit];
  }
  return undefined;
}
