import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { defaultBantFlow } from "../bot/default-flow";
import type { BotInput } from "../bot/types";
import { AI_LAYER_OFF, type AppDeps } from "../deps";
import type { Clock } from "../ports/clock";
import { recordInbound } from "../conversations/inbound";
import { processConversation } from "../conversations/process";
import { acceptWidgetConsent } from "../conversations/widget";
import { createInbox } from "../inboxes/inboxes";
import type { LeadIdentity } from "../leads/identify";

type Script = { who: LeadIdentity; inbox: "web" | "whatsapp"; inputs: BotInput[]; then?: "open" };

const t = (text: string): BotInput => ({ kind: "text", text });
const optionText = (id: string) => defaultBantFlow.steps.flatMap((s) => s.options ?? []).find((o) => o.id === id)?.text ?? id;
const o = (optionId: string): BotInput => ({ kind: "option", optionId });

/** Demo leads at every stage, produced by the real pipeline (persist → lock → engine → effects). */
const SCRIPTS: Script[] = [
  { inbox: "web", who: { kind: "visitor", visitorId: "seed-visitor-qualified" }, inputs: [t("Mariana Costa"), t("mariana@lojaexemplo.com.br"), t("uns 15 mil por mês"), t("1"), t("Queremos automação das vendas e qualificação"), t("Imediatamente")] },
  { inbox: "web", who: { kind: "visitor", visitorId: "seed-visitor-nurture" }, inputs: [t("Paulo Lima"), t("pular"), t("R$ 800"), t("3"), t("ainda estou entendendo"), t("4")] },
  { inbox: "web", who: { kind: "visitor", visitorId: "seed-visitor-midflow" }, inputs: [t("Renata Alves"), t("renata@exemplo.com")] },
  { inbox: "whatsapp", who: { kind: "whatsapp", waId: "5511988887777", profileName: "João Souza" }, inputs: [t("Oi, vi o anúncio"), t("quero falar com um atendente")] },
  { inbox: "whatsapp", who: { kind: "whatsapp", waId: "5521977776666", profileName: "Fernanda Rocha" }, inputs: [t("Olá"), { kind: "media" }, t("parar")] },
  { inbox: "whatsapp", who: { kind: "whatsapp", waId: "5531966665555", profileName: "Carlos Mendes" }, inputs: [t("Bom dia"), t("pular"), o("5k_10k"), o("decision_maker")], then: "open" },
];

const noSideEffects = (deps: Pick<AppDeps, "db" | "encryptionKey" | "tokenSecret" | "now">): AppDeps =>
  ({
    ...deps,
    scheduler: { kind: "local", schedule: async () => {} },
    counters: { kind: "memory", incrementBy: async () => 0, read: async () => 0, peek: async () => null, seedAtLeast: async (_k: string, v: number) => v },
    whatsapp: { send: async () => ({ wamid: `wamid.seed.${Math.random().toString(36).slice(2)}` }) },
    platformWhatsApp: { accessToken: "seed", appSecret: "seed", verifyToken: "seed" },
    calendar: { open: () => { throw new Error("the seed connects no calendar"); } },
    domains: null,
    chat: { post: async () => { throw new Error("no Slack here"); }, identify: async () => { throw new Error("no Slack here"); }, respond: async () => { throw new Error("no Slack here"); } },
    helpdesk: { inbox: async () => { throw new Error("no Chatwoot here"); }, contact: async () => { throw new Error("no Chatwoot here"); }, openConversation: async () => { throw new Error("no Chatwoot here"); }, post: async () => { throw new Error("no Chatwoot here"); } },
    crm: { open: () => { throw new Error("no CRM here"); } },
    bot: { maxReminders: 2, defaultTimeoutSeconds: 600 },
    ai: AI_LAYER_OFF,
  }) as unknown as AppDeps;

export async function seedConversations(db: Database, tenantId: string, keys: { encryptionKey: string; tokenSecret: string }, now: Clock) {
  const deps = noSideEffects({ db, ...keys, now });
  const existing = await withTenant(db, tenantId, (tx) => tx.selectFrom("inboxes").select("id").limit(1).execute());
  if (existing.length) return;
  const inboxes = await withTenant(db, tenantId, async (tx) => ({
    web: (await createInbox(tx, tenantId, { channel: "web", name: "Site", settings: { allowedOrigins: ["http://localhost:3000", "http://127.0.0.1:3000", "http://localhost:8080"], schedulingUrl: "https://calendly.com/demo-vendas/30min?name={name}&email={email}&lead={leadId}", templates: {} } }, deps, {}, now())).inbox,
    // Its number is made up and the seed runs without Meta: skipMetaCheck, the seed's alone.
    whatsapp: (
      await createInbox(tx, tenantId, {
        channel: "whatsapp",
        name: "WhatsApp Comercial",
        phoneNumberId: "109876543210001",
        settings: { allowedOrigins: [], schedulingUrl: "", templates: { reminder: { name: "lembrete", language: "pt_BR", params: ["{name}"] }, followup: { name: "follow_up", language: "pt_BR", params: ["{name}"] } } },
      }, { encryptionKey: keys.encryptionKey, skipMetaCheck: true }, {}, now())
    ).inbox,
  }));
  for (const s of SCRIPTS) {
    const inbox = inboxes[s.inbox];
    if (s.who.kind === "visitor") {
      await acceptWidgetConsent(deps, { tenantId, inboxId: inbox.id, visitorId: s.who.visitorId }, true, { ip: "127.0.0.1", userAgent: "seed" });
    }
    let i = 0;
    for (const input of s.inputs) {
      // A tapped button arrives with its title, as WhatsApp and the widget send it.
      const text = input.kind === "text" ? input.text : input.kind === "option" ? optionText(input.optionId) : null;
      const rec = await recordInbound(deps, {
        tenantId, inboxId: inbox.id, who: s.who, provider: s.inbox === "web" ? "widget" : "whatsapp",
        providerEventId: `seed-${s.inbox}-${JSON.stringify(s.who)}-${i++}`,
        contentType: input.kind === "media" ? "image" : "text", text, payload: input.kind === "media" ? { media: { mediaId: "seed-media", mimeType: "image/jpeg" } } : {}, input, at: now(),
      });
      await processConversation(deps, tenantId, rec.conversationId);
      if (s.then === "open" && i === s.inputs.length) {
        await withTenant(db, tenantId, async (tx) => {
          const agent = await tx.selectFrom("users").select("id").where("role", "=", "agent").executeTakeFirst();
          await tx.updateTable("conversations").set({ status: "open", assigned_to: agent?.id ?? null }).where("id", "=", rec.conversationId).execute();
        });
      }
    }
  }
}
