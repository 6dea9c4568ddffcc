-- Lookups by e-mail under RLS. Postgres does not mark lower() leakproof, so for the app role
-- (RLS forced) a condition `lower(email) = $1` runs after the tenant policy and never as an index
-- condition: the (tenant_id, lower(email)) indexes went unused and every lookup by e-mail read all
-- the tenant's rows (3.1 ms at 8,000 leads on the bench machine, growing with the tenant). A stored
-- lower-cased copy compared with `=` (leakproof) is an index condition again. The app compares
-- `email_key = <lower-cased input>` everywhere; anonymising (email = null) clears it with the e-mail.
alter table leads add column email_key text generated always as (lower(email)) stored;
drop index leads_tenant_email_idx;
create index leads_tenant_email_key_idx on leads (tenant_id, email_key) where email_key is not null;

alter table contacts add column email_key text generated always as (lower(email)) stored;
drop index contacts_tenant_email_idx;
create index contacts_tenant_email_key_idx on contacts (tenant_id, email_key) where email_key is not null;

alter table users add column email_key text generated always as (lower(email)) stored not null;
drop index users_tenant_email_uq;
create unique index users_tenant_email_key_uq on users (tenant_id, email_key);

create or replace function app_workspaces_for_email(p_email text)
  returns table (slug varchar, name varchar)
  language sql stable security definer set search_path = public
  as $$
    select t.slug, t.name from users u join tenants t on t.id = u.tenant_id
    where u.email_key = lower(p_email) and u.is_active
    order by t.name
  $$;
