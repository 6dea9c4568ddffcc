import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { WhatsAppTemplateStatusEvent } from "@vendaflow/validators/whatsapp";
import { placeholderCount, type WhatsAppTemplateView } from "@vendaflow/validators/whatsapp-templates";
import { sql } from "kysely";
import { recordAudit, type AuditMeta } from "../audit/record";
import { numberOf } from "../conversations/whatsapp-number";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { getInbox } from "../inboxes/inboxes";
import { marketingRefusal } from "../privacy/marketing-permission";
import { markIfTokenRevoked } from "./token-revoked";

const wabaOf = (settings: { waBusinessAccountId?: string }) => settings.waBusinessAccountId ?? null;

/** Meta's template status events, as the status we keep (lower-case; reinstated is approved again). */
export const templateStatusOf = (event: string) => {
  const e = event.toLowerCase();
  return e === "reinstated" ? "approved" : e;
};

/**
 * Pulls the WABA's templates and their approval status from Meta into whatsapp_templates: new and
 * changed ones upserted, ones Meta no longer lists removed. The inbox must name its WABA.
 */
export async function syncTemplates(deps: Pick<AppDeps, "db" | "counters" | "whatsapp" | "encryptionKey" | "platformWhatsApp" | "now">, tx: TenantTx, tenantId: string, inboxId: string, meta: AuditMeta) {
  const inbox = await getInbox(tx, inboxId);
  const number = numberOf(deps, inbox);
  const waba = wabaOf(inbox.settings);
  if (!number) throw new DomainError("BAD_REQUEST", "Templates só existem em caixas de entrada do WhatsApp.", { field: "inboxId" });
  if (!waba) throw new DomainError("PRECONDITION_FAILED", "Informe o ID da conta do WhatsApp Business (WABA) nas configurações da caixa de entrada.", { field: "settings.waBusinessAccountId" });
  let remote;
  try {
    remote = await deps.whatsapp.listTemplates(number, waba);
  } catch (err) {
    // 190 on the business token: the business revoked us (token-revoked.ts). In a transaction of
    // its own: the error below rolls this one back.
    await markIfTokenRevoked(deps, tenantId, inbox, err);
    throw new DomainError("PRECONDITION_FAILED", `A Meta não listou os templates: ${(err as Error).message}`);
  }
  const now = deps.now();
  for (const t of remote) {
    const values = {
      template_id: t.templateId?.slice(0, 64) ?? null,
      category: t.category?.slice(0, 40) ?? null,
      status: t.status.slice(0, 40),
      reason: t.reason?.slice(0, 500) ?? null,
      body_text: t.bodyText?.replaceAll("\u0000", "") ?? null,
      param_count: placeholderCount(t.bodyText),
      components: JSON.stringify(t.components).replaceAll("\\u0000", ""),
      synced_at: now,
      updated_at: now,
    };
    await tx
      .insertInto("whatsapp_templates")
      .values({ tenant_id: tenantId, waba_id: waba, name: t.name.slice(0, 512), language: t.language.slice(0, 15), ...values })
      .onConflict((oc) => oc.columns(["tenant_id", "waba_id", "name", "language"]).doUpdateSet(values))
      .execute();
  }
  const keep = remote.map((t) => `${t.name}\u0001${t.language}`);
  await tx
    .deleteFrom("whatsapp_templates")
    .where("waba_id", "=", waba)
    .$if(keep.length > 0, (q) => q.where(sql<string>`name || chr(1) || language`, "not in", keep))
    .execute();
  await recordAudit(tx, tenantId, meta, { action: "whatsapp.templates_synced", entityType: "inbox", entityId: inboxId, after: { wabaId: waba, count: remote.length } });
  return listTemplates(tx, inboxId);
}

/** The templates of the inbox's WABA, approved first, then by name. */
export async function listTemplates(tx: TenantTx, inboxId: string): Promise<WhatsAppTemplateView[]> {
  const inbox = await getInbox(tx, inboxId);
  const waba = wabaOf(inbox.settings);
  if (!waba) return [];
  const rows = await tx
    .selectFrom("whatsapp_templates")
    .select(["id", "name", "language", "category", "status", "reason", "body_text", "param_count"])
    .where("waba_id", "=", waba)
    .orderBy(sql`status = 'approved'`, "desc")
    .orderBy("name")
    .orderBy("language")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, language: r.language, category: r.category, status: r.status, reason: r.reason, bodyText: r.body_text, paramCount: r.param_count }));
}

/**
 * The tenants the platform's Meta app serves for a WABA: their active WhatsApp inboxes on the
 * platform app name it (an inbox on its own app gets its template updates on its own path).
 */
export async function platformTenantsForWaba(db: Database, wabaId: string): Promise<string[]> {
  const { rows } = await sql<{ tenant_id: string }>`select tenant_id from app_platform_tenants_for_waba(${wabaId})`.execute(db);
  return rows.map((r) => r.tenant_id);
}

/**
 * The tenants Meta's account_update for a WABA reaches on the platform's path: any platform-app
 * WhatsApp inbox of theirs names it, active or not (a deactivated inbox still learns it was
 * disconnected, so reactivating it shows the truth; 0166).
 */
export async function platformAccountTenantsForWaba(db: Database, wabaId: string): Promise<string[]> {
  const { rows } = await sql<{ tenant_id: string }>`select tenant_id from app_platform_account_tenants_for_waba(${wabaId})`.execute(db);
  return rows.map((r) => r.tenant_id);
}

/**
 * message_template_status_update: the template's status (and reason) in each of `tenantIds` (the
 * tenants the webhook's path may reach for that WABA, WhatsAppRouting.templates); a template not
 * synced yet is added by name. Repeats change nothing new.
 */
export async function applyTemplateStatus(db: Database, ev: WhatsAppTemplateStatusEvent, tenantIds: string[]) {
  const status = templateStatusOf(ev.status).slice(0, 40);
  const reason = ev.reason && ev.reason.toUpperCase() !== "NONE" ? ev.reason.slice(0, 500) : null;
  for (const tenant_id of tenantIds) {
    await withTenant(db, tenant_id, async (tx) => {
      const updated = await tx
        .updateTable("whatsapp_templates")
        .set({ status, reason, template_id: ev.templateId, updated_at: sql<Date>`now()`, ...(ev.category ? { category: ev.category.toLowerCase().slice(0, 40) } : {}) })
        .where("waba_id", "=", ev.wabaId)
        .where((eb) => eb.or([eb("template_id", "=", ev.templateId), eb.and([eb("name", "=", ev.name), eb("language", "=", ev.language)])]))
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await tx
          .insertInto("whatsapp_templates")
          .values({ tenant_id, waba_id: ev.wabaId, template_id: ev.templateId, name: ev.name.slice(0, 512), language: ev.language.slice(0, 15), status, reason, category: ev.category?.toLowerCase().slice(0, 40) ?? null })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
  }
  return tenantIds.length;
}

/**
 * Why a template may not go to this lead now, or null: Meta has not approved it (when synced), or
 * it is a marketing template and the consent ledger does not allow marketing to the lead (LGPD;
 * privacy/marketing-permission.ts is the one gate).
 */
export async function templateRefusal(tx: TenantTx, settings: { waBusinessAccountId?: string }, t: { name: string; language: string }, lead: { id: string }) {
  const waba = wabaOf(settings);
  if (!waba) return null;
  const row = await tx.selectFrom("whatsapp_templates").select(["status", "category"]).where("waba_id", "=", waba).where("name", "=", t.name).where("language", "=", t.language).executeTakeFirst();
  if (!row) return null;
  if (row.status !== "approved") return { code: "template_not_approved", title: `Template não aprovado pela Meta (status: ${row.status})` };
  if (row.category === "marketing") return marketingRefusal(tx, lead.id);
  return null;
}
