-- Saved views of the CRM data tables: a user's named choice of visible columns, filters and sort
-- for one list (leads, deals, companies, contacts). Per user: core reads and writes only the
-- acting user's rows; the tenant policy keeps every tenant's rows apart underneath.

create table saved_views (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null,
  -- The list it belongs to.
  entity varchar(20) not null check (entity in ('lead', 'deal', 'company', 'contact')),
  name varchar(60) not null check (name <> ''),
  -- { "columns": [...visible column ids in order], "filters": {...}, "sort": "..." } (validators/crm-views.ts).
  config jsonb not null default '{}' check (jsonb_typeof(config) = 'object'),
  -- The view the list opens with for this user (at most one per list).
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, user_id, entity, name),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index saved_views_tenant_user_idx on saved_views (tenant_id, user_id, entity);
create unique index saved_views_one_default_uq on saved_views (tenant_id, user_id, entity) where is_default;

alter table saved_views enable row level security;
alter table saved_views force row level security;
create policy tenant_isolation on saved_views using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
