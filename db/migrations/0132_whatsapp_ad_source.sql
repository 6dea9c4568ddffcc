-- Click-to-WhatsApp ads as a lead source (issue 15 item 6). A lead whose first message came from
-- an ad gets source 'whatsapp_ad' (its campaign stays in source_details.campaign: sourceId,
-- ctwaClid, headline, sourceUrl…), and the lead-source rollup groups those leads by ad.

alter table leads drop constraint leads_source_check;
alter table leads add constraint leads_source_check check (source in ('web', 'whatsapp', 'whatsapp_ad', 'api', 'import', 'manual', 'calendar'));

-- The ad of a 'whatsapp_ad' lead: Meta's ad id (referral.source_id), else the headline; and the
-- headline the chart shows. Null for every other source. Rows rolled up before this migration
-- carry no whatsapp_ad leads (the source did not exist), so null is right for them.
alter table analytics_lead_days add column campaign_id text;
alter table analytics_lead_days add column campaign_label text;

-- A lead's campaign moving (set by its first ad message, or edited) changes its day's rollup too.
drop trigger leads_analytics_update on leads;
create trigger leads_analytics_update after update of source, created_at, source_details on leads
  for each row when ((OLD.source, OLD.created_at, OLD.source_details -> 'campaign') is distinct from (NEW.source, NEW.created_at, NEW.source_details -> 'campaign'))
  execute function app_analytics_lead_changed();

-- Leads that came from an ad before the source existed: a WhatsApp lead with a campaign whose very
-- first message carried the referral (a later ad click does not rewrite where a lead came from).
-- The trigger above marks their closed days for the next rollup refresh.
update leads l set source = 'whatsapp_ad'
where l.source = 'whatsapp'
  and l.source_details ? 'campaign'
  and coalesce((
    select m.payload ? 'referral'
    from conversations c join messages m on m.tenant_id = c.tenant_id and m.conversation_id = c.id
    where c.tenant_id = l.tenant_id and c.lead_id = l.id and m.sender = 'lead'
    order by m.created_at, m.seq
    limit 1
  ), false);
