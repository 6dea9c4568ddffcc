-- Live streams without polling (docs/scaling.md "Streams"): every change an open stream shows is
-- announced on the `vf_changes` channel at commit. One LISTEN connection per app instance fans the
-- notices out to its open streams, which then read the database as before (the database stays the
-- one source of truth; a notice only says when to look).
--
-- Payload: '<tenant id>' (the agents' feed: conversations, messages, notifications of the tenant)
-- or '<tenant id>:<visitor id>' when the change concerns a widget visitor's conversation (their
-- stream wakes; the tenant's agent streams wake on the same notice). Postgres folds identical
-- notices of one transaction into one, so a message's several row changes cost one delivery.
-- Plain (not SECURITY DEFINER) triggers: they run as the writer, under its tenant's RLS.

create or replace function app_notify_visitor_change() returns trigger
  language plpgsql as $$
declare
  v text;
begin
  if NEW.conversation_id is null then
    return null;
  end if;
  select l.visitor_id into v from conversations c join leads l on l.id = c.lead_id where c.id = NEW.conversation_id;
  perform pg_notify('vf_changes', NEW.tenant_id::text || coalesce(':' || v, ''));
  return null;
end $$;

create or replace function app_notify_tenant_change() returns trigger
  language plpgsql as $$
begin
  perform pg_notify('vf_changes', NEW.tenant_id::text);
  return null;
end $$;

-- A message stored (the visitor's stream shows it; the agents' feed moves).
create trigger messages_notify after insert on messages
  for each row execute function app_notify_visitor_change();

-- An inbound message leaves "pending": the widget's typing indicator turns off.
create trigger inbound_events_notify after update of status on inbound_events
  for each row when (OLD.status = 'pending' and NEW.status <> 'pending')
  execute function app_notify_visitor_change();

-- Conversations moved (status, assignment, order of the list) and new notifications: agents' feed.
create trigger conversations_notify after insert or update on conversations
  for each row execute function app_notify_tenant_change();

create trigger notifications_notify after insert or update on notifications
  for each row execute function app_notify_tenant_change();
