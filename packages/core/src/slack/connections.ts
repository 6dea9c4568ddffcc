import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { InTenant, TenantTx } from "@vendaflow/db/with-tenant";
import type { ConnectSlackInput, SlackMode, SlackNotifyEvent } from "@vendaflow/validators/slack";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { decryptCredentials, encryptCredentials, readCredentials } from "../inboxes/credentials";
import { isChatAuthError, type ChatTarget, type ChatWorkspace } from "../ports/chat";
import { plainMessage } from "./blocks";

/** What is stored encrypted: the bot token or the incoming webhook URL, and the app's signing secret. */
export interface SlackSecrets {
  botToken?: string;
  webhookUrl?: string;
  signingSecret?: string;
}

export type SlackDeps = Pick<AppDeps, "chat" | "encryptionKey" | "links">;

/** The slash commands' Request URL: /api/slack/commands/{command_key}. */
export const commandPath = (key: string) => `/api/slack/commands/${key}`;

/** Slack's answer as a pt-BR domain error: a refused token is the admin's to fix, the rest is "try again". */
async function ask<T>(field: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isChatAuthError(err)) throw new DomainError("BAD_REQUEST", `O Slack recusou: ${err.message} Confira o token ou a URL e tente de novo.`, { field });
    const msg = err instanceof Error ? err.message : String(err);
    throw new DomainError("SERVICE_UNAVAILABLE", `Não foi possível falar com o Slack agora (${msg.slice(0, 200)}). Nada foi alterado; tente novamente em instantes.`);
  }
}

/** The tenant's connection with its secrets (jobs, the slash command route). */
export async function loadSlackConnection(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">, id?: string) {
  let q = tx.selectFrom("slack_connections").selectAll();
  if (id) q = q.where("id", "=", id);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  return { ...row, mode: row.mode as SlackMode, notify_events: row.notify_events as SlackNotifyEvent[], secrets: decryptCredentials<SlackSecrets>(row.credentials_encrypted, deps.encryptionKey) };
}
export type LoadedSlackConnection = NonNullable<Awaited<ReturnType<typeof loadSlackConnection>>>;

/** Where a connection's notifications go. */
export function slackTarget(c: LoadedSlackConnection): ChatTarget | null {
  if (c.mode === "bot") return c.secrets.botToken && c.channel ? { kind: "bot", token: c.secrets.botToken, channel: c.channel } : null;
  return c.secrets.webhookUrl ? { kind: "webhook", url: c.secrets.webhookUrl } : null;
}

/** The settings card: never the secrets; the slash commands' Request URL when a signing secret is set. */
export async function getSlackConnection(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey" | "links">) {
  const row = await tx.selectFrom("slack_connections").selectAll().executeTakeFirst();
  if (!row) return null;
  const { secrets, unreadable } = readCredentials<SlackSecrets>(row.credentials_encrypted, deps.encryptionKey);
  const c = { ...row, mode: row.mode as SlackMode, notify_events: row.notify_events as SlackNotifyEvent[], secrets };
  return {
    id: c.id,
    mode: c.mode,
    channel: c.channel,
    teamName: c.team_name,
    events: c.notify_events,
    isActive: c.is_active,
    lastError: c.last_error,
    lastSentAt: c.last_sent_at,
    commandsUrl: c.secrets.signingSecret ? deps.links.rootUrl(commandPath(c.command_key)) : null,
    createdAt: c.created_at,
    unreadable,
  };
}

/**
 * Checks a bot token with Slack (auth.test names its workspace) and stores the connection, its
 * secrets encrypted; reconnecting replaces the tenant's connection (one per tenant) and keeps its
 * slash-command route key. An incoming webhook URL is checked when the first message goes out
 * (the "Testar" button sends one).
 */
export async function connectSlack(inTx: InTenant, tenantId: string, deps: SlackDeps, input: ConnectSlackInput, meta: AuditMeta) {
  // Slack is asked before any transaction opens; the connection is stored in one afterwards.
  const workspace = input.mode === "bot" ? await ask("botToken", () => deps.chat.identify(input.botToken)) : null;
  return inTx((tx) => storeSlackConnection(tx, tenantId, deps, input, workspace, meta));
}

async function storeSlackConnection(tx: TenantTx, tenantId: string, deps: SlackDeps, input: ConnectSlackInput, workspace: ChatWorkspace | null, meta: AuditMeta) {
  const secrets: SlackSecrets = input.mode === "bot" ? { botToken: input.botToken, signingSecret: input.signingSecret } : { webhookUrl: input.webhookUrl, signingSecret: input.signingSecret };
  const values = {
    mode: input.mode,
    credentials_encrypted: encryptCredentials<SlackSecrets>(secrets, deps.encryptionKey),
    channel: input.mode === "bot" ? input.channel : null,
    team_id: workspace?.teamId.slice(0, 32) || null,
    team_name: (workspace?.teamName ?? "").slice(0, 255),
    notify_events: input.events,
    is_active: true,
    last_error: null,
    created_by: meta.actorUserId ?? null,
  };
  const row = await tx
    .insertInto("slack_connections")
    .values({ tenant_id: tenantId, command_key: randomBytes(24).toString("base64url"), ...values })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "slack.connect", entityType: "slack_connection", entityId: row.id, after: { mode: input.mode, channel: values.channel, team: values.team_name, events: input.events } });
  return getSlackConnection(tx, deps);
}

async function requireConnection(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">) {
  const c = await loadSlackConnection(tx, deps);
  if (!c) throw new DomainError("NOT_FOUND", "Conecte o Slack primeiro.");
  return c;
}

/**
 * The "Testar" button: one message to the channel, now; Slack's refusal is shown to the admin.
 * No transaction is open while Slack answers: the connection is read in one, the success noted in another.
 */
export async function testSlack(inTx: InTenant, tenantId: string, deps: SlackDeps) {
  const c = await inTx((tx) => requireConnection(tx, deps));
  const target = slackTarget(c);
  if (!target) throw new DomainError("BAD_REQUEST", "A conexão com o Slack está incompleta: conecte de novo.");
  await ask(c.mode === "bot" ? "botToken" : "webhookUrl", () => deps.chat.post(target, plainMessage("✅ Vendaflow conectado: as notificações de vendas chegarão neste canal.")));
  await inTx((tx) => tx.updateTable("slack_connections").set({ last_error: null, last_sent_at: sql<Date>`now()` }).where("id", "=", c.id).execute());
  return { ok: true as const };
}

/** Removes the connection (notifications stop, the slash commands' URL stops answering). */
export async function disconnectSlack(tx: TenantTx, tenantId: string, deps: Pick<AppDeps, "encryptionKey">, meta: AuditMeta) {
  // Without its secrets: a connection whose credentials cannot be read can still be removed.
  const c = await tx.selectFrom("slack_connections").select(["id", "mode", "channel"]).executeTakeFirst();
  if (!c) throw new DomainError("NOT_FOUND", "Conecte o Slack primeiro.");
  await tx.deleteFrom("slack_connections").where("id", "=", c.id).execute();
  await recordAudit(tx, tenantId, meta, { action: "slack.disconnect", entityType: "slack_connection", entityId: c.id, before: { mode: c.mode, channel: c.channel } });
  return { ok: true as const };
}
