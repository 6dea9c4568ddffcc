-- CRM: companies, contacts, pipelines with ordered stages, lost reasons, deals, activities and
-- custom field definitions (values live in a `custom_fields` jsonb object on each entity, keyed by
-- field id, validated by zod schemas built from the definitions). Every table is tenant-owned
-- (RLS enabled + forced, index led by tenant_id); references are composite (tenant_id, id) keys.
-- Records users expect to undo (companies, contacts, deals, activities) are soft-deleted
-- (deleted_at); lists read `deleted_at is null`.
-- Runs on PostgreSQL 15 through 18.

create extension if not exists unaccent;

-- unaccent() is only STABLE (it reads a dictionary), so it cannot feed a generated column; this
-- wrapper names the dictionary explicitly, which makes it safe to declare immutable.
create or replace function app_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Search document: Portuguese stems (words in any inflection) plus plain words (prefix typing).
create or replace function app_search_doc(text) returns tsvector
  language sql immutable parallel safe
  as $$ select to_tsvector('portuguese', app_unaccent(coalesce($1, ''))) || to_tsvector('simple', app_unaccent(coalesce($1, ''))) $$;

-- Targets of composite foreign keys.
create unique index if not exists leads_tenant_id_uq on leads (tenant_id, id);
create unique index if not exists conversations_tenant_id_uq on conversations (tenant_id, id);

create table companies (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(255) not null check (name <> ''),
  -- Lower-case host without "www.", the key conversion finds a company by.
  domain varchar(255),
  industry varchar(100),
  size varchar(20) check (size in ('1-10', '11-50', '51-200', '201-500', '501-1000', '1000+')),
  website varchar(255),
  linkedin varchar(255),
  phone varchar(20),
  owner_id uuid,
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
  search tsvector generated always as (app_search_doc(name || ' ' || coalesce(domain, ''))) stored,
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (tenant_id, id),
  foreign key (tenant_id, owner_id) references users (tenant_id, id) on delete set null (owner_id)
);
create unique index companies_tenant_domain_uq on companies (tenant_id, domain) where domain is not null and deleted_at is null;
create index companies_tenant_created_idx on companies (tenant_id, created_at desc, id) where deleted_at is null;
create index companies_search_idx on companies using gin (search);

create table contacts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  company_id uuid,
  name varchar(255) not null check (name <> ''),
  email varchar(255),
  -- E.164 (+55…) for Brazilian numbers.
  phone varchar(20),
  position varchar(255),
  linkedin varchar(255),
  is_primary boolean not null default false,
  owner_id uuid,
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
  search tsvector generated always as (app_search_doc(name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))) stored,
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (tenant_id, id),
  foreign key (tenant_id, company_id) references companies (tenant_id, id) on delete set null (company_id),
  foreign key (tenant_id, owner_id) references users (tenant_id, id) on delete set null (owner_id)
);
create index contacts_tenant_created_idx on contacts (tenant_id, created_at desc, id) where deleted_at is null;
create index contacts_tenant_email_idx on contacts (tenant_id, lower(email)) where email is not null;
create index contacts_tenant_phone_idx on contacts (tenant_id, phone) where phone is not null;
create index contacts_tenant_company_idx on contacts (tenant_id, company_id);
create index contacts_search_idx on contacts using gin (search);

create table pipelines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(120) not null check (name <> ''),
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create unique index pipelines_tenant_name_uq on pipelines (tenant_id, lower(name));
-- One default pipeline per tenant.
create unique index pipelines_tenant_default_uq on pipelines (tenant_id) where is_default;

create table pipeline_stages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  pipeline_id uuid not null,
  name varchar(60) not null check (name <> ''),
  -- Board order, 0-based; deferrable so a reorder can swap positions in one transaction.
  position integer not null check (position >= 0),
  probability integer not null check (probability between 0 and 100),
  -- open stages carry deals in progress; a won / lost stage closes the deal.
  kind varchar(10) not null default 'open' check (kind in ('open', 'won', 'lost')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (tenant_id) references tenants(id) on delete cascade,
  foreign key (tenant_id, pipeline_id) references pipelines (tenant_id, id) on delete cascade,
  unique (tenant_id, id),
  -- Target of deals' (tenant, pipeline, stage) key: a deal's stage belongs to the deal's pipeline.
  unique (tenant_id, pipeline_id, id),
  constraint pipeline_stages_position_uq unique (tenant_id, pipeline_id, position) deferrable initially immediate
);

create table lost_reasons (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(120) not null check (name <> ''),
  position integer not null default 0,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create unique index lost_reasons_tenant_name_uq on lost_reasons (tenant_id, lower(name));

create table deals (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  pipeline_id uuid not null,
  stage_id uuid not null,
  title varchar(255) not null check (title <> ''),
  -- BRL, integer cents: never a float.
  value_cents bigint not null default 0 check (value_cents between 0 and 100000000000000),
  currency char(3) not null default 'BRL' check (currency = 'BRL'),
  probability integer not null check (probability between 0 and 100),
  expected_close_date date,
  owner_id uuid,
  company_id uuid,
  contact_id uuid,
  lead_id uuid,
  -- The conversation the deal came from (lead conversion).
  conversation_id uuid,
  status varchar(10) not null default 'open' check (status in ('open', 'won', 'lost')),
  won_at timestamptz,
  lost_at timestamptz,
  lost_reason_id uuid,
  lost_note varchar(500),
  stage_changed_at timestamptz not null default now(),
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
  search tsvector generated always as (app_search_doc(title)) stored,
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (tenant_id, id),
  foreign key (tenant_id, pipeline_id) references pipelines (tenant_id, id) on delete cascade,
  foreign key (tenant_id, pipeline_id, stage_id) references pipeline_stages (tenant_id, pipeline_id, id),
  foreign key (tenant_id, owner_id) references users (tenant_id, id) on delete set null (owner_id),
  foreign key (tenant_id, company_id) references companies (tenant_id, id) on delete set null (company_id),
  foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete set null (contact_id),
  foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete set null (lead_id),
  foreign key (tenant_id, conversation_id) references conversations (tenant_id, id) on delete set null (conversation_id),
  foreign key (tenant_id, lost_reason_id) references lost_reasons (tenant_id, id),
  check ((status = 'won') = (won_at is not null)),
  check ((status = 'lost') = (lost_at is not null)),
  check (status <> 'lost' or lost_reason_id is not null)
);
-- The seed's idx_deals_tenant_pipeline (board columns).
create index deals_tenant_pipeline_stage_idx on deals (tenant_id, pipeline_id, stage_id) where deleted_at is null;
create index deals_tenant_created_idx on deals (tenant_id, created_at desc, id) where deleted_at is null;
create index deals_tenant_owner_idx on deals (tenant_id, owner_id) where deleted_at is null;
create index deals_tenant_company_idx on deals (tenant_id, company_id);
create index deals_tenant_contact_idx on deals (tenant_id, contact_id);
create index deals_tenant_lead_idx on deals (tenant_id, lead_id);
create index deals_search_idx on deals using gin (search);

create table activities (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  type varchar(10) not null check (type in ('call', 'email', 'meeting', 'task', 'note')),
  -- Entries the system writes (stage_changed, deal_won, deal_lost, lead_converted…); null when a person logged it.
  system_event varchar(30),
  subject varchar(255) not null check (subject <> ''),
  description text check (char_length(description) <= 10000),
  deal_id uuid,
  lead_id uuid,
  contact_id uuid,
  company_id uuid,
  assigned_to uuid,
  created_by uuid,
  due_at timestamptz,
  completed_at timestamptz,
  outcome varchar(255),
  data jsonb not null default '{}' check (jsonb_typeof(data) = 'object'),
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade,
  foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete cascade,
  foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, company_id) references companies (tenant_id, id) on delete cascade,
  foreign key (tenant_id, assigned_to) references users (tenant_id, id) on delete set null (assigned_to),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
-- The seed's idx_activities_due (open tasks by due date).
create index activities_tenant_due_idx on activities (tenant_id, due_at) where completed_at is null and deleted_at is null;
create index activities_tenant_assignee_due_idx on activities (tenant_id, assigned_to, due_at) where completed_at is null and deleted_at is null;
create index activities_tenant_deal_idx on activities (tenant_id, deal_id, created_at desc) where deal_id is not null;
create index activities_tenant_lead_idx on activities (tenant_id, lead_id, created_at desc) where lead_id is not null;
create index activities_tenant_contact_idx on activities (tenant_id, contact_id, created_at desc) where contact_id is not null;
create index activities_tenant_company_idx on activities (tenant_id, company_id, created_at desc) where company_id is not null;

create table custom_fields (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  entity_type varchar(10) not null check (entity_type in ('lead', 'deal', 'contact', 'company')),
  label varchar(80) not null check (label <> ''),
  field_type varchar(12) not null check (field_type in ('text', 'number', 'date', 'select', 'multiselect', 'boolean', 'currency')),
  -- Choices of select / multiselect: ["Varejo", "Indústria", …].
  options jsonb not null default '[]' check (jsonb_typeof(options) = 'array'),
  is_required boolean not null default false,
  position integer not null default 0 check (position >= 0),
  -- Archived fields keep their stored values but are no longer shown nor validated.
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create index custom_fields_tenant_entity_idx on custom_fields (tenant_id, entity_type, position);
create unique index custom_fields_tenant_label_uq on custom_fields (tenant_id, entity_type, lower(label)) where archived_at is null;

-- A lead links to the contact and company it became; conversion marks it.
alter table leads
  add column contact_id uuid,
  add column company_id uuid,
  add column converted_at timestamptz,
  add column custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
  add constraint leads_contact_fk foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete set null (contact_id),
  add constraint leads_company_fk foreign key (tenant_id, company_id) references companies (tenant_id, id) on delete set null (company_id);
-- The seed's idx_leads_tenant_stage.
create index leads_tenant_stage_idx on leads (tenant_id, stage);
create index leads_tenant_contact_idx on leads (tenant_id, contact_id) where contact_id is not null;

do $$
declare t text;
begin
  foreach t in array array['companies', 'contacts', 'pipelines', 'pipeline_stages', 'lost_reasons', 'deals', 'activities', 'custom_fields'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;

-- Every tenant starts with the default pipeline and a list of lost reasons. A trigger on tenants
-- covers every way a tenant is created (signup, operator console, fixtures); it runs as the
-- migration owner because no tenant is bound while the tenant row itself is being inserted.
create or replace function app_seed_crm_defaults(p_tenant uuid) returns void
  language plpgsql volatile security definer set search_path = public
  as $$
  declare p uuid;
  begin
    -- Callable only for the tenant bound to the transaction (or while none is, as at creation).
    if app_current_tenant() is not null and app_current_tenant() <> p_tenant then
      raise exception 'app_seed_crm_defaults: another tenant' using errcode = '42501';
    end if;
    if exists (select 1 from pipelines where tenant_id = p_tenant) then return; end if;
    insert into pipelines (tenant_id, name, is_default) values (p_tenant, 'Vendas', true) returning id into p;
    insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability, kind) values
      (p_tenant, p, 'Novo', 0, 10, 'open'),
      (p_tenant, p, 'Qualificado', 1, 25, 'open'),
      (p_tenant, p, 'Proposta', 2, 50, 'open'),
      (p_tenant, p, 'Negociação', 3, 75, 'open'),
      (p_tenant, p, 'Ganho', 4, 100, 'won'),
      (p_tenant, p, 'Perdido', 5, 0, 'lost');
    insert into lost_reasons (tenant_id, name, position) values
      (p_tenant, 'Preço', 0),
      (p_tenant, 'Escolheu um concorrente', 1),
      (p_tenant, 'Sem orçamento', 2),
      (p_tenant, 'Sem resposta', 3),
      (p_tenant, 'Momento inadequado', 4),
      (p_tenant, 'Outro', 5)
    on conflict do nothing;
  end $$;

create or replace function app_tenants_seed_crm() returns trigger
  language plpgsql security definer set search_path = public
  as $$ begin perform app_seed_crm_defaults(new.id); return new; end $$;

create trigger tenants_seed_crm after insert on tenants for each row execute function app_tenants_seed_crm();

select app_seed_crm_defaults(id) from tenants;
