import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { conversationFilter, inRange, num, type AnalyticsScope } from "./scope";

export interface SourceCount {
  /** leads.source: web, whatsapp, api, import, manual. */
  source: string;
  leads: number;
}

export interface ChannelCount {
  /** inboxes.channel: web, whatsapp, api. */
  channel: string;
  conversations: number;
}

/**
 * Leads created in the range by where they came from. With an inbox or team chosen, only leads
 * with a conversation in that inbox / team count (imported and hand-made leads have none).
 */
export async function leadSources(tx: TenantTx, s: AnalyticsScope): Promise<SourceCount[]> {
  const scoped = s.filter.inboxId || s.filter.teamId;
  const { rows } = await sql<{ source: string; leads: string }>`
    select l.source, count(*) as leads from leads l
    where l.tenant_id = ${s.tenantId}::uuid and ${inRange("l.created_at", s.filter)}
      ${scoped ? sql`and exists (select 1 from conversations c where c.tenant_id = ${s.tenantId}::uuid and c.lead_id = l.id and ${conversationFilter(s.filter)})` : sql``}
    group by l.source order by count(*) desc, l.source`.execute(tx);
  return rows.map((r) => ({ source: r.source, leads: num(r.leads) }));
}

/** Conversations started in the range by the channel of their inbox. */
export async function conversationChannels(tx: TenantTx, s: AnalyticsScope): Promise<ChannelCount[]> {
  const { rows } = await sql<{ channel: string; conversations: string }>`
    select i.channel, count(*) as conversations
    from conversations c join inboxes i on i.tenant_id = c.tenant_id and i.id = c.inbox_id
    where c.tenant_id = ${s.tenantId}::uuid and ${inRange("c.created_at", s.filter)} and ${conversationFilter(s.filter)}
    group by i.channel order by count(*) desc, i.channel`.execute(tx);
  return rows.map((r) => ({ channel: r.channel, conversations: num(r.conversations) }));
}
