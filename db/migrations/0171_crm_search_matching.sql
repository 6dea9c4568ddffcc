-- The CRM searches under RLS (docs/scaling.md "The CRM searches under RLS"): `search @@ tsquery`
-- is not leakproof, so for the app role it waits for the policy's condition and the GIN
-- *_search_idx indexes serve no reader; a rare term walks all the tenant's rows. These functions,
-- owned by the migration owner (bypasses RLS), read the GIN index with the bound tenant as an
-- explicit condition and return at most p_limit matching ids. The tenant comes from
-- app_current_tenant() inside, never from an argument; unbound, they refuse. Callers
-- (core/crm/search-candidates.ts) only narrow their own statement, still under RLS, to these ids.
-- EXECUTE plans each call with its query's value (a generic plan would not pick the GIN for a rare term).
-- Soft-deleted rows are left out: every searching list reads `deleted_at is null` (leads have none).
create function app_leads_matching(p_query tsquery, p_limit integer)
  returns table (id uuid)
  language plpgsql stable security definer set search_path = public
  as $$
  declare tid uuid := app_current_tenant();
  begin
    if tid is null then raise exception 'app_leads_matching: no tenant bound'; end if;
    return query execute 'select id from leads where tenant_id = $1 and search @@ $2 limit $3'
      using tid, p_query, greatest(p_limit, 0);
  end $$;

create function app_contacts_matching(p_query tsquery, p_limit integer)
  returns table (id uuid)
  language plpgsql stable security definer set search_path = public
  as $$
  declare tid uuid := app_current_tenant();
  begin
    if tid is null then raise exception 'app_contacts_matching: no tenant bound'; end if;
    return query execute 'select id from contacts where tenant_id = $1 and deleted_at is null and search @@ $2 limit $3'
      using tid, p_query, greatest(p_limit, 0);
  end $$;

create function app_companies_matching(p_query tsquery, p_limit integer)
  returns table (id uuid)
  language plpgsql stable security definer set search_path = public
  as $$
  declare tid uuid := app_current_tenant();
  begin
    if tid is null then raise exception 'app_companies_matching: no tenant bound'; end if;
    return query execute 'select id from companies where tenant_id = $1 and deleted_at is null and search @@ $2 limit $3'
      using tid, p_query, greatest(p_limit, 0);
  end $$;

create function app_deals_matching(p_query tsquery, p_limit integer)
  returns table (id uuid)
  language plpgsql stable security definer set search_path = public
  as $$
  declare tid uuid := app_current_tenant();
  begin
    if tid is null then raise exception 'app_deals_matching: no tenant bound'; end if;
    return query execute 'select id from deals where tenant_id = $1 and deleted_at is null and search @@ $2 limit $3'
      using tid, p_query, greatest(p_limit, 0);
  end $$;

-- Not for PUBLIC; db/grants.sql grants execute on every function to the app role.
revoke all on function app_leads_matching(tsquery, integer) from public;
revoke all on function app_contacts_matching(tsquery, integer) from public;
revoke all on function app_companies_matching(tsquery, integer) from public;
revoke all on function app_deals_matching(tsquery, integer) from public;
