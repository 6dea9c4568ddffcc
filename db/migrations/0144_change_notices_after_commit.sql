-- The change feed's notices leave the message's transaction (docs/scaling.md "Streams"). A
-- transaction that NOTIFYs takes a cluster-wide lock at commit and holds it until its commit is
-- flushed, so every transaction storing a message waited for the one before it: on this machine
-- 16 clients committed 1,730 plain transactions per second and 680 that notified, and with 2 ms per
-- flush (a store that replicates its WAL, as Neon does) 2,190 against 360.
--
-- Now, in a transaction the app opened with its tenant binding and `vf.collect_changes` on
-- (packages/db/src/change-notices.ts), the keys are kept in the session setting `vf.changes` (one
-- per line, each once); the app's COMMIT reads and clears it in the same query, and the app wakes
-- its own streams and publishes the keys to its other instances after the commit, a batch at a
-- time. A setting changed in a transaction or savepoint that rolls back is undone with it, so only
-- committed changes are announced. Every other writer notifies at commit as before.

create or replace function app_note_change(key text) returns void
  language plpgsql as $$
declare
  cur text;
begin
  if current_setting('vf.collect_changes', true) is distinct from 'on' then
    perform pg_notify('vf_changes', key);
    return;
  end if;
  cur := coalesce(current_setting('vf.changes', true), '');
  if cur = '' then
    perform set_config('vf.changes', key, false);
  elsif cur = '*' then
    return;
  elsif length(cur) > 8000 then
    -- A bulk change: every stream of the instance looks once (the scan below stays short).
    perform set_config('vf.changes', '*', false);
  elsif position(E'\n' || key || E'\n' in E'\n' || cur || E'\n') = 0 then
    perform set_config('vf.changes', cur || E'\n' || key, false);
  end if;
end $$;

create or replace function app_notify_visitor_change() returns trigger
  language plpgsql as $$
declare
  v text;
begin
  if NEW.conversation_id is null then
    return null;
  end if;
  select l.visitor_id into v from conversations c join leads l on l.id = c.lead_id where c.id = NEW.conversation_id;
  perform app_note_change(NEW.tenant_id::text || coalesce(':' || v, ''));
  return null;
end $$;

create or replace function app_notify_tenant_change() returns trigger
  language plpgsql as $$
begin
  perform app_note_change(NEW.tenant_id::text);
  return null;
end $$;
