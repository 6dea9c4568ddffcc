-- A collecting transaction's change keys are read before its COMMIT, in the same query, and a
-- visitor's key is looked up once per transaction (docs/scaling.md "Notices after the commit").
--
-- Until now the COMMIT was followed by the read of `vf.changes`, an implicit transaction of its own
-- (one more per tenant transaction as Postgres counts them), and every message stored or event
-- leaving `pending` joined its conversation to the lead for the visitor's id: three lookups for
-- one WhatsApp message, all giving the same key. Now, while collecting, the trigger notes
-- '<tenant>#<conversation>' and app_take_changes() turns those into '<tenant>[:<visitor>]' with one
-- lookup each, under the transaction's own binding (so its RLS), as the transaction's last
-- statement before COMMIT. The key names the conversation's lead as of the commit.
-- Writers that do not collect look the visitor up and notify at once, as before.

create or replace function app_notify_visitor_change() returns trigger
  language plpgsql as $$
declare
  v text;
begin
  if NEW.conversation_id is null then
    return null;
  end if;
  if current_setting('vf.collect_changes', true) = 'on' then
    perform app_note_change(NEW.tenant_id::text || '#' || NEW.conversation_id::text);
    return null;
  end if;
  select l.visitor_id into v from conversations c join leads l on l.id = c.lead_id where c.id = NEW.conversation_id;
  perform app_note_change(NEW.tenant_id::text || coalesce(':' || v, ''));
  return null;
end $$;

-- The transaction's keys, each once and in the order first noted (null when none), and the
-- setting cleared. The clearing is undone with the transaction if its COMMIT fails, like the keys.
-- A loop of the trigger's own lookup by primary key: one set-based query over the lines (unnest,
-- a subquery per line, group by) cost 1.0 ms a call in the pipeline probe, this 0.12 ms.
create or replace function app_take_changes() returns text
  language plpgsql as $$
declare
  cur text := coalesce(current_setting('vf.changes', true), '');
  line text;
  k text;
  v text;
  keys text[] := '{}';
begin
  if cur = '' then
    return null;
  end if;
  perform set_config('vf.changes', '', false);
  if cur = '*' then
    return cur;
  end if;
  foreach line in array string_to_array(cur, E'\n') loop
    if position('#' in line) = 0 then
      k := line;
    else
      v := null;
      select l.visitor_id into v from conversations c join leads l on l.id = c.lead_id where c.id = split_part(line, '#', 2)::uuid;
      k := split_part(line, '#', 1) || coalesce(':' || v, '');
    end if;
    if not k = any(keys) then
      keys := keys || k;
    end if;
  end loop;
  return array_to_string(keys, E'\n');
end $$;
