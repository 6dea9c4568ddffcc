import type { TenantTx } from "@vendaflow/db/with-tenant";
import { leadCampaign } from "../leads/campaign";
import { flowSchema } from "@vendaflow/validators/flow";
import { TEMPLATE_KEYS, TRANSCRIPT_PAGE_SIZE, TRANSCRIPT_REFRESH_LIMIT, waTemplateSchema, type TemplateKey } from "@vendaflow/validators/inbox";
import { sql } from "kysely";
import { DomainError } from "../errors";
import { decodeCursor, keysetPage } from "../keyset";
import { bantSoFar } from "../routing/bant-so-far";
import { containsPattern } from "../like-pattern";
import { phoneDigits } from "../crm/search";
import { ACTIVE_CONVERSATION_STATUSES, type ConversationStatusFilter } from "@vendaflow/validators/plain/inbox";

/** Lists show the start of the last message; transcripts cut longer texts (the dashboard polls them). */
export const LIST_PREVIEW_CHARS = 200;
export const TRANSCRIPT_TEXT_CHARS = 4000;

export interface ConversationFilter {
  /** One status, or "active": pending + open, the agent's open work as routing and "Carga da equipe" count it. */
  status?: ConversationStatusFilter;
  inboxId?: string;
  /** Assigned to this user. */
  assigneeId?: string;
  /** Assigned to nobody (ignored when assigneeId is given). */
  unassigned?: boolean;
  teamId?: string;
  channel?: "web" | "whatsapp" | "api";
  /** One of the lead's tags, case-insensitive. */
  tag?: string;
  minScore?: number;
  maxScore?: number;
  /** Case-insensitive substring of the lead's name, phone or e-mail, or of any message text. */
  search?: string;
  cursor?: string;
  limit: number;
}


/** Conversation list, most recent activity first; keyset cursor "<iso>|<id>". */
export async function listConversations(tx: TenantTx, f: ConversationFilter) {
  return keysetPage(await conversationListQuery(tx, f).execute(), f.limit, (r) => r.last_message_at);
}

/** listConversations' statement, one page plus one row (tests/load/search-index-cost.ts reads its plan). */
export function conversationListQuery(tx: TenantTx, f: ConversationFilter) {
  let q = tx
    .selectFrom("conversations as c")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .innerJoin("inboxes as i", "i.id", "c.inbox_id")
    .leftJoin("users as u", "u.id", "c.assigned_to")
    .select(["c.id", "c.status", "c.last_message_at", "c.handoff_reason", "c.current_step", "l.id as lead_id", "l.name as lead_name", "l.phone", "l.email", "l.stage", "l.bant_score", "i.name as inbox_name", "i.channel"])
    .select(["c.assigned_to", "c.team_id", "c.last_inbound_at", "c.sla_due_at", "c.sla_breached_at", "c.first_response_at", "l.tags", "l.wa_username", "u.name as assignee_name"])
    .select((eb) =>
      eb
        .selectFrom("messages as m")
        .select(sql<string | null>`left(m.text, ${LIST_PREVIEW_CHARS})`.as("text"))
        .whereRef("m.conversation_id", "=", "c.id")
        .where("m.content_type", "!=", "note")
        .orderBy("m.seq", "desc")
        .limit(1)
        .as("last_text"),
    )
    .select((eb) =>
      eb
        .selectFrom("messages as m")
        .select("m.sender")
        .whereRef("m.conversation_id", "=", "c.id")
        .where("m.content_type", "!=", "note")
        .orderBy("m.seq", "desc")
        .limit(1)
        .as("last_sender"),
    )
    .orderBy("c.last_message_at", "desc")
    .orderBy("c.id", "desc")
    .limit(f.limit + 1);
  if (f.status === "active") q = q.where("c.status", "in", ACTIVE_CONVERSATION_STATUSES);
  else if (f.status) q = q.where("c.status", "=", f.status);
  if (f.inboxId) q = q.where("c.inbox_id", "=", f.inboxId);
  if (f.assigneeId) q = q.where("c.assigned_to", "=", f.assigneeId);
  else if (f.unassigned) q = q.where("c.assigned_to", "is", null);
  if (f.teamId) q = q.where("c.team_id", "=", f.teamId);
  if (f.channel) q = q.where("i.channel", "=", f.channel);
  const tag = f.tag?.trim();
  if (tag) q = q.where(sql<boolean>`exists (select 1 from unnest(${sql.ref("l.tags")}) as lt(v) where lower(lt.v) = lower(${tag}))`);
  if (f.minScore !== undefined) q = q.where("l.bant_score", ">=", f.minScore);
  if (f.maxScore !== undefined) q = q.where("l.bant_score", "<=", f.maxScore);
  const search = f.search?.trim();
  if (search) {
    const pattern = containsPattern(search);
    // "+55 (11) 98888-7777" or "(011) 98888-7777" finds the stored 5511988887777, as the CRM's lists do.
    const digits = phoneDigits(search);
    q = q.where((eb) =>
      eb.or([
        eb("l.name", "ilike", pattern),
        eb("l.phone", "ilike", pattern),
        ...(digits && digits !== search ? [eb("l.phone", "like", `%${digits}%`)] : []),
        eb("l.email", "ilike", pattern),
        eb.exists(eb.selectFrom("messages as sm").select(sql.lit(1).as("one")).whereRef("sm.conversation_id", "=", "c.id").where("sm.text", "ilike", pattern)),
      ]),
    );
  }
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where((eb) => eb.or([eb("c.last_message_at", "<", cursor.at), eb.and([eb("c.last_message_at", "=", cursor.at), eb("c.id", "<", cursor.id)])]));
  return q;
}


/** The inbox's configured WhatsApp templates (settings.templates), in the canonical key order. */
function configuredTemplates(settings: unknown): { key: TemplateKey; name: string; language: string }[] {
  const templates = settings && typeof settings === "object" ? (settings as { templates?: unknown }).templates : null;
  if (!templates || typeof templates !== "object") return [];
  return TEMPLATE_KEYS.flatMap((key) => {
    const parsed = waTemplateSchema.safeParse((templates as Record<string, unknown>)[key]);
    return parsed.success ? [{ key, name: parsed.data.name, language: parsed.data.language }] : [];
  });
}

/** The newest page of the transcript (internal notes included; `hasOlder` when there is more, see conversationMessages) with the lead's BANT card, the conversation's events, and what the agent inbox needs to act. */
export async function conversationDetail(tx: TenantTx, conversationId: string) {
  const conv = await tx
    .selectFrom("conversations as c")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .innerJoin("inboxes as i", "i.id", "c.inbox_id")
    .leftJoin("users as u", "u.id", "c.assigned_to")
    .leftJoin("teams as tm", "tm.id", "c.team_id")
    .select(["c.id", "c.status", "c.handoff_reason", "c.current_step", "c.created_at", "c.last_inbound_at", "i.name as inbox_name", "i.channel"])
    .select(["c.inbox_id", "c.flow_id", "c.assigned_to", "c.team_id", "c.sla_due_at", "c.sla_breached_at", "c.first_response_at", "u.name as assignee_name", "u.email as assignee_email", "tm.name as team_name"])
    .select(["l.id as lead_id", "l.name", "l.email", "l.phone", "l.company", "l.stage", "l.bant_score", "l.bant_data", "l.tags", "l.possible_duplicate_of", "l.marketing_consent", "l.opted_out_at"])
    .select(["l.wa_username", "l.source_details", "l.score as lead_score", "l.score_facts as lead_score_facts"])
    .select(["i.settings as inbox_settings", "c.bot_state"])
    .where("c.id", "=", conversationId)
    .executeTakeFirst();
  if (!conv) throw new DomainError("NOT_FOUND", "Conversa não encontrada.");
  // The score explained per answer (LGPD art. 20), and the score so far: both live while the bot
  // is still asking (the lead's bant_score is written when the qualification ends).
  const { explanation, score: scoreSoFar } = await bantSoFar(tx, { flowId: conv.flow_id, botState: conv.bot_state, leadBant: conv.bant_data, leadScore: conv.bant_score });
  const { messages, hasOlder } = await transcriptPage(tx, conversationId);
  const events = await tx.selectFrom("conversation_events").select(["id", "kind", "data", "actor_user_id", "created_at"]).where("conversation_id", "=", conversationId).orderBy("created_at").execute();

  // The hand-back step picker: the steps of the exact flow version this conversation runs.
  let steps: { id: string; question: string }[] = [];
  if (conv.flow_id) {
    const flow = await tx.selectFrom("qualification_flows").select("definition").where("id", "=", conv.flow_id).executeTakeFirst();
    const parsed = flow ? flowSchema.safeParse(flow.definition) : null;
    if (parsed?.success) steps = parsed.data.steps.map((s) => ({ id: s.id, question: s.question }));
  }
  const { inbox_settings, bot_state: _botState, ...rest } = conv;
  // The click-to-WhatsApp ad the lead came from (the header shows it).
  const conversation = { ...rest, campaign: leadCampaign(rest.source_details) };
  return { conversation, messages, hasOlder, events, steps, explanation, scoreSoFar, templates: configuredTemplates(inbox_settings) };
}

/**
 * One page of a transcript, oldest first: the newest `limit` messages, or with `before` the
 * `limit` messages just before that seq (keyset on seq, the (tenant, conversation, seq) index read
 * backwards). `hasOlder` says whether messages before the page's first remain.
 */
async function transcriptPage(tx: TenantTx, conversationId: string, opts: { before?: number; from?: number; limit?: number } = {}) {
  const limit = opts.limit ?? TRANSCRIPT_PAGE_SIZE;
  let q = tx
    .selectFrom("messages as m")
    // The message's file, if any: served by /api/media/<file_id> once stored (one per message).
    .leftJoin("media_objects as mo", "mo.message_id", "m.id")
    .select(["m.id", "m.seq", "m.sender", "m.content_type", "m.payload", "m.delivery_status", "m.delivery_error", "m.edited_at", "m.deleted_at", "m.created_at"])
    // The transcript is polled: a long text comes cut, and whole on demand (messageFullText).
    .select(sql<string | null>`left(m.text, ${TRANSCRIPT_TEXT_CHARS})`.as("text"))
    .select(sql<boolean>`coalesce(char_length(m.text), 0) > ${TRANSCRIPT_TEXT_CHARS}`.as("text_truncated"))
    .select(["mo.id as file_id", "mo.status as file_status", "mo.content_type as file_type", "mo.size_bytes as file_size", "mo.filename as file_name"])
    .where("m.conversation_id", "=", conversationId)
    .orderBy("m.seq", "desc")
    .limit(limit + 1);
  if (opts.before !== undefined) q = q.where("m.seq", "<", opts.before);
  if (opts.from !== undefined) q = q.where("m.seq", ">=", opts.from);
  const rows = await q.execute();
  const hasOlder = rows.length > limit;
  return { messages: rows.slice(0, limit).reverse(), hasOlder };
}

/** The transcript page before seq `before` of one conversation of this tenant (RLS): the inbox's "Carregar mensagens anteriores". */
export async function conversationMessages(tx: TenantTx, input: { conversationId: string; before: number; limit?: number }) {
  await mustSeeConversation(tx, input.conversationId);
  return transcriptPage(tx, input.conversationId, { before: input.before, limit: input.limit });
}

/** NOT_FOUND unless the conversation is this tenant's (RLS): an empty page would hide a wrong id. */
async function mustSeeConversation(tx: TenantTx, conversationId: string): Promise<void> {
  const conv = await tx.selectFrom("conversations").select("id").where("id", "=", conversationId).executeTakeFirst();
  if (!conv) throw new DomainError("NOT_FOUND", "Conversa não encontrada.");
}

/**
 * The older messages a timeline shows (seq in [from, before), the newest TRANSCRIPT_REFRESH_LIMIT),
 * as they are now: re-read each time the newest page is, so a delivery tick, an edit or a delete
 * of a message on a page loaded earlier shows too (one read of that range, not one per page).
 * The limit hides nothing: the timeline keeps every page it loaded and takes from this read only
 * the new states of the messages it brings (refreshOlder, apps/web/lib/transcript-pages.ts), so past
 * the newest 1,000 an agent sees the older ones as they were fetched. Bounded rather than paged on
 * purpose: it runs again with every refetch of the newest page (each realtime change, the poll).
 */
export async function conversationMessageRange(tx: TenantTx, input: { conversationId: string; from: number; before: number }) {
  await mustSeeConversation(tx, input.conversationId);
  const { messages } = await transcriptPage(tx, input.conversationId, { before: input.before, from: input.from, limit: TRANSCRIPT_REFRESH_LIMIT });
  return { messages };
}

/** The whole text of one message of this tenant (RLS), for a transcript entry that came cut. */
export async function messageFullText(tx: TenantTx, messageId: string): Promise<{ text: string | null }> {
  const row = await tx.selectFrom("messages").select("text").where("id", "=", messageId).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Mensagem não encontrada.");
  return { text: row.text };
}
