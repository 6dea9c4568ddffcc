-- The agent inbox's search finds a conversation by any of its message texts (internal notes
-- included): `text ILIKE '%term%'`, which no btree serves. A correlated EXISTS read every message of
-- every conversation of the tenant for a rare term (1.2-1.8 s with 200k messages). A trigram GIN
-- index answers the ILIKE with the few matching messages. Cost on the write path, measured before
-- landing: docs/scaling.md "The inbox search's trigram index".
--
-- pg_trgm ships with Postgres (contrib), embedded-postgres and Neon; it goes where unaccent went
-- (0020): the owner's default schema, public. The index is on the text alone: a term common in
-- another tenant costs this tenant's search the recheck of those rows.
-- fastupdate stays on (the default): an insert appends its trigrams to the pending list, merged
-- into the index in bulk (by autovacuum, or by the insert that fills gin_pending_list_limit).
-- Built inside the migration's transaction (no CONCURRENTLY): writes to messages wait for the build.

create extension if not exists pg_trgm;

create index if not exists messages_text_trgm_idx on messages using gin (text gin_trgm_ops);

-- Why a definer function and not the app role's own query: under RLS a condition whose operator is
-- not leakproof waits for the policy's condition and is never an index condition (as lower() in
-- 0139), and ILIKE is not leakproof. So the index is read here, past RLS, with the bound tenant as
-- the explicit condition. It returns conversation ids of the bound tenant only (refuses with none
-- bound), which the caller's RLS would show it anyway: one per matching message, at most p_limit,
-- so a caller can tell a rare term (the ids) from a common one (p_limit rows, read no further).
-- EXECUTE plans with the pattern's value: a generic plan could not tell them apart either.
create or replace function app_conversations_with_text(p_pattern text, p_limit integer)
  returns table (conversation_id uuid)
  language plpgsql stable security definer set search_path = public
  as $$
declare
  tid uuid := app_current_tenant();
begin
  if tid is null then raise exception 'app_conversations_with_text: no tenant bound'; end if;
  return query execute
    'select m.conversation_id from messages m where m.tenant_id = $1 and m.text ilike $2 limit $3'
    using tid, p_pattern, greatest(p_limit, 0);
end $$;
revoke all on function app_conversations_with_text(text, integer) from public;
