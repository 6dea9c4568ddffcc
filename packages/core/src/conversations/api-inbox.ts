import { timingSafeEqual } from "node:crypto";
import { withTenant } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";
import { decryptCredentials } from "../inboxes/credentials";
import { getInbox } from "../inboxes/inboxes";
import { resolveInbox } from "../inboxes/resolve";
import type { AppDeps } from "../deps";
import { recordInbound } from "./inbound";
import { processConversation } from "./process";
import { visitorMessages } from "./read";

/** An API inbox authenticates its backend with the inbox's public key and secret. */
export async function authenticateApiInbox(deps: AppDeps, publicKey: string, secret: string) {
  const r = await resolveInbox(deps.db, "public_key", publicKey);
  if (!r || r.channel !== "api") throw new DomainError("UNAUTHORIZED", "Credenciais da caixa de entrada inválidas.");
  const inbox = await withTenant(deps.db, r.tenantId, (tx) => getInbox(tx, r.inboxId));
  const expected = Buffer.from(decryptCredentials(inbox.credentialsEncrypted, deps.encryptionKey).apiSecret ?? "");
  const given = Buffer.from(secret);
  if (!expected.length || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new DomainError("UNAUTHORIZED", "Credenciais da caixa de entrada inválidas.");
  }
  return r;
}

/** The API inbox a developer API key (already checked for `tenantId`) names by its public key: only one of the key's own tenant. */
export async function apiInboxForKey(deps: Pick<AppDeps, "db">, tenantId: string, publicKey: string) {
  const r = await resolveInbox(deps.db, "public_key", publicKey);
  if (!r || r.channel !== "api" || r.tenantId !== tenantId) throw new DomainError("NOT_FOUND", "Caixa de entrada de API não encontrada.");
  return r;
}

/** API leads are keyed "api:<external id>" in the visitor column, so the widget's reader serves them. */
const leadMessages = (deps: AppDeps, inbox: { tenantId: string; inboxId: string }, externalLeadId: string, afterSeq: number) =>
  withTenant(deps.db, inbox.tenantId, (tx) => visitorMessages(tx, inbox.inboxId, `api:${externalLeadId}`, afterSeq));

/**
 * A lead message posted by the tenant's own system; processed before answering, so the bot's
 * replies come back in the same call. A repeated clientMessageId is stored once.
 */
export async function postApiMessage(
  deps: AppDeps,
  inbox: { tenantId: string; inboxId: string },
  input: { externalLeadId: string; clientMessageId: string; text?: string; optionId?: string; name?: string; email?: string },
) {
  const rec = await recordInbound(deps, {
    tenantId: inbox.tenantId,
    inboxId: inbox.inboxId,
    who: { kind: "api", externalId: input.externalLeadId, name: input.name, email: input.email },
    provider: "api",
    providerEventId: `${input.externalLeadId}:${input.clientMessageId}`,
    contentType: "text",
    text: input.text ?? input.optionId ?? "",
    payload: { clientMessageId: input.clientMessageId, ...(input.optionId ? { optionId: input.optionId } : {}) },
    input: input.optionId ? { kind: "option", optionId: input.optionId } : { kind: "text", text: input.text ?? "" },
    at: deps.now(),
  });
  await processConversation(deps, inbox.tenantId, rec.conversationId);
  const messages = await leadMessages(deps, inbox, input.externalLeadId, rec.seq - 1);
  return { duplicate: rec.duplicate, message: messages.find((m) => m.seq === rec.seq) ?? null, replies: messages.filter((m) => m.seq > rec.seq && m.sender !== "lead") };
}

export const apiInboxMessages = leadMessages;
