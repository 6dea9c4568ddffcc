import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { liveDays, rangeRows } from "./rollup";
import { conversationFilter, num, type AnalyticsScope } from "./scope";

export interface SourceCount {
  /** leads.source: web, whatsapp, whatsapp_ad, api, import, manual, calendar. */
  source: string;
  /** For 'whatsapp_ad': the click-to-WhatsApp ad (Meta's ad id, else its headline) and its headline. */
  campaign?: { id: string; label: string | null };
  leads: number;
}

export interface ChannelCount {
  /** inboxes.channel: web, whatsapp, api. */
  channel: string;
  conversations: number;
}

/**
 * Leads created in the range by where they came from; leads from click-to-WhatsApp ads one row
 * per ad (a lead without an ad id or headline is a 'whatsapp_ad' row without campaign). With an inbox or team chosen, only leads
 * with a conversation in that inbox / team count (imported and hand-made leads have none). From the
 * daily rollups and live days (rollup.ts: the rows of the filter's grouping).
 */
export async function leadSources(tx: TenantTx, s: AnalyticsScope): Promise<SourceCount[]> {
  const live = await liveDays(tx, s);
  const inbox = s.filter.inboxId ? sql`r.inbox_id = ${s.filter.inboxId}::uuid` : sql`r.inbox_id is null`;
  const team = s.filter.teamId ? sql`r.team_id = ${s.filter.teamId}::uuid` : sql`r.team_id is null`;
  const { rows } = await sql<{ source: string; campaign_id: string | null; campaign_label: string | null; leads: string }>`
    with r as (${rangeRows("analytics_lead_days", s, live)})
    select r.source, r.campaign_id, max(r.campaign_label) as campaign_label, sum(r.leads) as leads from r where ${inbox} and ${team}
    group by r.source, r.campaign_id order by sum(r.leads) desc, r.source, r.campaign_id nulls last`.execute(tx);
  return rows.map((r) => ({ source: r.source, ...(r.campaign_id !== null ? { campaign: { id: r.campaign_id, label: r.campaign_label } } : {}), leads: num(r.leads) }));
}

/** Conversations started in the range by the channel of their inbox; from the daily rollups and live days (rollup.ts). */
export async function conversationChannels(tx: TenantTx, s: AnalyticsScope): Promise<ChannelCount[]> {
  const live = await liveDays(tx, s);
  const { rows } = await sql<{ channel: string; conversations: string }>`
    with r as (${rangeRows("analytics_conversation_days", s, live)})
    select i.channel, sum(r.conversations) as conversations
    from r join inboxes i on i.tenant_id = ${s.tenantId}::uuid and i.id = r.inbox_id
    where ${conversationFilter(s.filter, "r")}
    group by i.channel order by sum(r.conversations) desc, i.channel`.execute(tx);
  return rows.map((r) => ({ channel: r.channel, conversations: num(r.conversations) }));
}
