import { sql } from "kysely";
import { jsonObjectFrom } from "kysely/helpers/postgres";
import { grantedNow } from "../privacy/consent-ledger";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { afterCommit, runAfterCommit } from "../after-commit";
import { fireAutomations } from "../automations/fire";
import { DomainError } from "../errors";
import { identifiedLead, identifiedLeadColumns, identifyLead } from "../leads/identify";
import { findTenantById } from "../tenancy/tenants";
import { CONSENT_TEXT, hasServiceConsent, recordConsents, type ConsentMeta } from "./consent";
import type { AppDeps } from "../deps";
import { openConversation, receiveInbound, type KnownSender } from "./inbound";
import { insertEventRow, openConversationOf, type EventRow } from "./sender-lookup";
import { precompiled } from "@vendaflow/db/precompiled";
import { finishProcessing, openWithBot, processConversation } from "./process";
import { toWidgetMessage, visitorMessages } from "./read";
import { issueVisitorToken, verifyVisitorToken, type VisitorClaims } from "./visitor-token";

/** Start (or resume) a widget session: a returning visitor keeps their token and history. */
export async function startWidget(deps: AppDeps, inbox: { tenantId: string; inboxId: string }, visitorToken: string | undefined) {
  const now = deps.now().getTime();
  const prior = verifyVisitorToken(visitorToken, deps.tokenSecret, now);
  const resumed = prior && prior.tenantId === inbox.tenantId && prior.inboxId === inbox.inboxId ? prior : null;
  const { token, claims } = resumed ? { token: visitorToken!, claims: resumed } : issueVisitorToken({ tenantId: inbox.tenantId, inboxId: inbox.inboxId }, deps.tokenSecret, now);
  const tenant = await findTenantById(deps.db, inbox.tenantId);
  if (!tenant) throw new DomainError("NOT_FOUND", "Widget não encontrado.");
  const { consented, messages } = await withTenant(deps.db, inbox.tenantId, async (tx) => {
    const lead = await tx.selectFrom("leads").select("id").where("visitor_id", "=", claims.visitorId).executeTakeFirst();
    return {
      consented: lead ? await hasServiceConsent(tx, { leadId: lead.id }) : false,
      messages: lead ? await visitorMessages(tx, claims.inboxId, claims.visitorId, 0) : [],
    };
  });
  return {
    visitorToken: token,
    theme: { name: tenant.name, botName: tenant.theme.botName, primaryColor: tenant.theme.primaryColor, logoUrl: tenant.theme.logoUrl },
    consent: CONSENT_TEXT,
    privacyUrl: deps.links.tenantUrl(tenant.slug, "/privacidade"),
    consented,
    messages,
  };
}

/** Records the LGPD consents, opens the conversation and lets the bot greet. */
export async function acceptWidgetConsent(deps: AppDeps, v: VisitorClaims, marketing: boolean, meta: Omit<ConsentMeta, "channel">) {
  const now = deps.now();
  const after = afterCommit();
  const conversationId = await withTenant(deps.db, v.tenantId, async (tx) => {
    const lead = await identifyLead(tx, v.tenantId, { kind: "visitor", visitorId: v.visitorId }, now);
    if (!(await hasServiceConsent(tx, { leadId: lead.id }))) await recordConsents(tx, v.tenantId, lead.id, marketing, { ...meta, channel: "web" }, now);
    // A widget lead is born here, at consent (its messages find it already there).
    if (lead.created) await fireAutomations(tx, v.tenantId, { trigger: "lead_created", entityId: lead.id, data: { source: "widget" } }, after);
    return (await openConversation(tx, v.tenantId, v.inboxId, lead)).id;
  });
  await runAfterCommit(deps, v.tenantId, after);
  await openWithBot(deps, v.tenantId, conversationId);
}

/**
 * A visitor's message, refused until the privacy notice was accepted: persisted (idempotent on
 * clientMessageId) and, when the conversation is free, answered by the bot in the same transaction
 * (receiveInbound); the caller runs `process` after the HTTP response (deliveries, or the bot's
 * step when the conversation was held).
 */
export async function sendWidgetMessage(deps: AppDeps, v: VisitorClaims, input: { clientMessageId: string; text?: string; optionId?: string }) {
  const optionText = input.optionId ? await optionLabel(deps, v, input.optionId) : null;
  // One statement: the visitor's lead, whether the service notice stands and its open conversation
  // in this inbox (no lead, no consent), with the message's inbound event inserted as its CTE (a
  // refusal rolls it back); receiveInbound reads none of them again.
  const consented = async (tx: TenantTx, event: EventRow): Promise<KnownSender> => {
    const row = await consentRead(tx, { ...event, visitorId: v.visitorId }).executeTakeFirst();
    if (!row?.consented) throw new DomainError("PRECONDITION_FAILED", "Aceite o aviso de privacidade para conversar.");
    return { lead: identifiedLead(row, false), open: row.open, eventId: row.event_id ?? null };
  };
  const rec = await receiveInbound(deps, {
    tenantId: v.tenantId,
    inboxId: v.inboxId,
    who: { kind: "visitor", visitorId: v.visitorId },
    provider: "widget",
    providerEventId: `${v.visitorId}:${input.clientMessageId}`,
    contentType: "text",
    text: input.text ?? optionText ?? input.optionId ?? "",
    payload: { clientMessageId: input.clientMessageId, ...(input.optionId ? { optionId: input.optionId } : {}) },
    input: input.optionId ? { kind: "option", optionId: input.optionId } : { kind: "text", text: input.text! },
    at: deps.now(),
  }, consented);
  const message =
    rec.message ??
    (await withTenant(deps.db, v.tenantId, (tx) =>
      tx.selectFrom("messages as m").select(["m.id", "m.seq", "m.sender", "m.content_type", "m.text", "m.payload", "m.created_at"]).where("m.id", "=", rec.messageId).executeTakeFirstOrThrow(),
    ));
  const processed = rec.processed;
  return {
    message: toWidgetMessage(message),
    process: () => (processed ? finishProcessing(deps, v.tenantId, processed) : processConversation(deps, v.tenantId, rec.conversationId)),
  };
}

// Every widget message sends it: compiled once per shape (precompiled.ts).
export const consentRead = precompiled("widgetConsentRead", (db, v: EventRow & { visitorId: string }) => {
  const { visitorId, ...event } = v;
  return db
    .with("ev", (qc) => insertEventRow(qc, event))
    .selectFrom("leads as l")
    .select(identifiedLeadColumns.map((c) => `l.${c}` as const))
    .select((eb) => [grantedNow(db, "l.id", "service").as("consented"), jsonObjectFrom(openConversationOf(db, event.inbox_id, sql.ref<string>("l.id"))).as("open"), eb.selectFrom("ev").select("id").as("event_id")])
    .where("l.visitor_id", "=", visitorId);
});

/** The text of the option the visitor clicked, from the latest bot question offering it (for the transcript). */
async function optionLabel(deps: AppDeps, v: VisitorClaims, optionId: string) {
  const row = await withTenant(deps.db, v.tenantId, (tx) =>
    tx
      .selectFrom("messages as m")
      .innerJoin("conversations as c", "c.id", "m.conversation_id")
      .innerJoin("leads as l", "l.id", "c.lead_id")
      .select("m.payload")
      .where("l.visitor_id", "=", v.visitorId)
      .where("c.inbox_id", "=", v.inboxId)
      .where("m.sender", "=", "bot")
      .where(sql<boolean>`m.payload -> 'options' @> ${JSON.stringify([{ id: optionId }])}::jsonb`)
      .orderBy("m.seq", "desc")
      .limit(1)
      .executeTakeFirst(),
  );
  const options = (row?.payload as { options?: { id: string; text: string }[] } | undefined)?.options ?? [];
  return options.find((o) => o.id === optionId)?.text ?? null;
}
