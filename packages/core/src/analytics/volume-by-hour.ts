import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { conversationFilter, inRange, local, num, type AnalyticsScope } from "./scope";

export interface HourVolume {
  /** 0..23, São Paulo time. */
  hour: number;
  /** Messages leads sent. */
  inbound: number;
  /** Messages the bot and agents sent (system notes left out). */
  outbound: number;
}

/** Messages in the range by hour of day (São Paulo), all 24 hours listed. */
export async function volumeByHour(tx: TenantTx, s: AnalyticsScope): Promise<HourVolume[]> {
  const scoped = s.filter.inboxId || s.filter.teamId;
  const { rows } = await sql<{ hour: number; inbound: string; outbound: string }>`
    select extract(hour from ${local("m.created_at")})::int as hour,
      count(*) filter (where m.sender = 'lead') as inbound,
      count(*) filter (where m.sender in ('bot', 'agent')) as outbound
    from messages m
    ${scoped ? sql`join conversations c on c.tenant_id = m.tenant_id and c.id = m.conversation_id and ${conversationFilter(s.filter)}` : sql``}
    where m.tenant_id = ${s.tenantId}::uuid and ${inRange("m.created_at", s.filter)}
    group by 1`.execute(tx);
  const byHour = new Map(rows.map((r) => [Number(r.hour), r]));
  return Array.from({ length: 24 }, (_, hour) => ({ hour, inbound: num(byHour.get(hour)?.inbound), outbound: num(byHour.get(hour)?.outbound) }));
}
