-- Foundation: tenants, platform operators, users, sessions, auth tokens, audit log, email outbox.
-- Convention: every table is tenant-owned (tenant_id, RLS enabled + forced, policy on app.tenant_id,
-- index led by tenant_id) unless it carries COMMENT ... IS 'global: <reason>'.

create extension if not exists pgcrypto;

-- Reads the tenant bound by withTenant(); '' (unset on a pooled connection) reads as null.
create or replace function app_current_tenant() returns uuid
  language sql stable
  as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create table tenants (
  id uuid primary key default gen_random_uuid(),
  slug varchar(63) not null unique,
  name varchar(255) not null,
  settings jsonb not null default '{}',
  custom_domain varchar(255) unique,
  custom_domain_token varchar(64),
  custom_domain_verified_at timestamptz,
  subscription_status varchar(50) not null default 'trial',
  subscription_ends_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table tenants is 'global: the tenant registry itself; reached through core/tenancy lookups by host';

create table platform_operators (
  id uuid primary key default gen_random_uuid(),
  email varchar(255) not null unique,
  name varchar(255) not null,
  password_hash varchar(255) not null,
  created_at timestamptz not null default now()
);
comment on table platform_operators is 'global: platform staff who log in on the root domain, not tenant data';

create table platform_sessions (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references platform_operators(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
comment on table platform_sessions is 'global: sessions of platform operators';

create table email_outbox (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants(id) on delete cascade,
  to_address varchar(255) not null,
  subject text not null,
  html text not null,
  text_body text not null,
  created_at timestamptz not null default now()
);
comment on table email_outbox is 'global: dev-only outbox used when no SMTP is configured; some mails (workspace finder) span tenants';
create index email_outbox_created_idx on email_outbox (created_at desc);

create table users (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  email varchar(255) not null,
  name varchar(255) not null default '',
  password_hash varchar(255),
  role varchar(20) not null default 'agent' check (role in ('admin', 'agent', 'viewer')),
  is_active boolean not null default true,
  email_verified_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_tenant_email_uq on users (tenant_id, lower(email));

create table sessions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  ip varchar(64),
  user_agent text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_tenant_user_idx on sessions (tenant_id, user_id);

create table auth_tokens (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  kind varchar(20) not null check (kind in ('verify_email', 'reset_password', 'invite')),
  token_hash varchar(64) not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index auth_tokens_tenant_hash_uq on auth_tokens (tenant_id, token_hash);

create table audit_logs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  actor_user_id uuid references users(id) on delete set null,
  actor_operator_id uuid references platform_operators(id) on delete set null,
  action varchar(100) not null,
  entity_type varchar(50) not null,
  entity_id varchar(100),
  before jsonb,
  after jsonb,
  ip varchar(64),
  user_agent text,
  -- millisecond precision so keyset cursors round-trip through JavaScript dates
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
);
create index audit_logs_tenant_created_idx on audit_logs (tenant_id, created_at desc);

-- Tenant isolation, one policy per tenant-owned table.
do $$
declare t text;
begin
  foreach t in array array['users', 'sessions', 'auth_tokens', 'audit_logs'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;

-- "Find my workspace" must look across tenants for one email, and nothing more: a narrow
-- definer function owned by the migration owner (superuser or BYPASSRLS), returning slugs only.
create or replace function app_workspaces_for_email(p_email text)
  returns table (slug varchar, name varchar)
  language sql stable security definer set search_path = public
  as $$
    select t.slug, t.name from users u join tenants t on t.id = u.tenant_id
    where lower(u.email) = lower(p_email) and u.is_active
    order by t.name
  $$;
