-- The lead score's engagement kept on the lead row. scoreInputs (core/crm/lead-score/recompute.ts)
-- read it with a window over every message of every conversation of the lead, on every inbound
-- message: a lead with 2,000 messages read 2,000 rows per new one. Now the statement that stores a
-- lead's message adds it to these counters (countLeadMessage, core/crm/lead-score/engagement.ts)
-- and the score reads two columns.
--   engaged_messages: the lead's messages that are not internal notes;
--   engaged_replies:  those whose previous lead or agent message (not a note) in the same
--                     conversation, by seq, was an agent's (a reply to a person; bots do not count).
alter table leads
  add column engaged_messages integer not null default 0,
  add column engaged_replies integer not null default 0;

-- The counters recounted from the messages, for the given leads: the definition above, and the one
-- way to put them right where messages arrive in bulk (WhatsApp history) or go (erasure). As the
-- caller (RLS applies: a tenant recounts only its own leads).
create function app_recount_lead_engagement(p_lead_ids uuid[])
  returns void
  language sql volatile
  as $$
    update leads l
    set engaged_messages = coalesce(e.messages, 0), engaged_replies = coalesce(e.replies, 0)
    from unnest(p_lead_ids) as t(id)
    left join (
      select x.lead_id, count(*) filter (where x.sender = 'lead')::int as messages,
             count(*) filter (where x.sender = 'lead' and x.prev = 'agent')::int as replies
      from (select c.lead_id, m.sender, lag(m.sender) over (partition by m.conversation_id order by m.seq) as prev
            from conversations c join messages m on m.tenant_id = c.tenant_id and m.conversation_id = c.id
            where c.lead_id = any(p_lead_ids) and m.sender in ('lead', 'agent') and m.content_type <> 'note') x
      group by x.lead_id
    ) e on e.lead_id = t.id
    where l.id = t.id
      and (l.engaged_messages, l.engaged_replies) is distinct from (coalesce(e.messages, 0), coalesce(e.replies, 0))
  $$;

-- Every lead with a conversation (the others stay at 0).
select app_recount_lead_engagement(array(select distinct lead_id from conversations));
