-- LGPD execution (issue 12): anonymised subjects are marked, and the append-only audit trail gets
-- one narrow definer function that erases a subject's identifiers from it (before/after values,
-- and IP / user agent of the subject's own unauthenticated actions), inside the current tenant only.

alter table leads add column anonymised_at timestamptz;
alter table contacts add column anonymised_at timestamptz;

create or replace function app_scrub_audit(p_patterns text[], p_entity_ids text[]) returns integer
  language plpgsql security definer set search_path = public
  as $$
declare
  tid uuid := app_current_tenant();
  pat text;
  n integer := 0;
  r record;
begin
  if tid is null then raise exception 'app_scrub_audit: no tenant bound'; end if;
  update audit_logs set ip = null, user_agent = null
    where tenant_id = tid and entity_id = any(p_entity_ids) and actor_user_id is null and actor_operator_id is null
      and (ip is not null or user_agent is not null);
  foreach pat in array coalesce(p_patterns, '{}') loop
    if pat is null or length(pat) < 3 then continue; end if;
    for r in select id from audit_logs where tenant_id = tid and (before::text ~* pat or after::text ~* pat) loop
      begin
        update audit_logs
          set before = case when before is null then null else regexp_replace(before::text, pat, '[anonimizado]', 'gi')::jsonb end,
              after = case when after is null then null else regexp_replace(after::text, pat, '[anonimizado]', 'gi')::jsonb end
          where id = r.id;
      exception when invalid_text_representation then
        -- The term was not inside a string (a bare number): the whole value goes.
        update audit_logs
          set before = case when before::text ~* pat then '{"anonimizado": true}'::jsonb else before end,
              after = case when after::text ~* pat then '{"anonimizado": true}'::jsonb else after end
          where id = r.id;
      end;
      n := n + 1;
    end loop;
  end loop;
  return n;
end $$;
revoke all on function app_scrub_audit(text[], text[]) from public;
