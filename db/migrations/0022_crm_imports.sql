-- CSV lead imports: the uploaded file (decoded to UTF-8), the column mapping, and progress kept by
-- the import job, which processes the rows in chunks and commits its cursor with each chunk's
-- inserts (resumable: a redelivered or restarted job continues after the last committed chunk).
create table lead_imports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  created_by uuid,
  file_name varchar(255) not null,
  -- Detected on upload: "utf-8" or "windows-1252"; the separator ; , or a tab.
  encoding varchar(20) not null,
  separator varchar(1) not null,
  content text not null check (octet_length(content) <= 20971520),
  -- { "name": 0, "email": 2, "phone": 3, … }: lead field → column index.
  mapping jsonb not null default '{}' check (jsonb_typeof(mapping) = 'object'),
  status varchar(10) not null default 'draft' check (status in ('draft', 'queued', 'running', 'done', 'failed')),
  total_rows integer not null default 0,
  processed_rows integer not null default 0,
  inserted integer not null default 0,
  duplicates integer not null default 0,
  failed integer not null default 0,
  -- [{ "row": 12, "field": "email", "message": "E-mail inválido." }, …] (first 10,000).
  errors jsonb not null default '[]' check (jsonb_typeof(errors) = 'array'),
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index lead_imports_tenant_created_idx on lead_imports (tenant_id, created_at desc);

alter table lead_imports enable row level security;
alter table lead_imports force row level security;
create policy tenant_isolation on lead_imports using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());

-- Import dedupe looks leads up by phone (e-mail already has leads_tenant_email_idx).
create index leads_tenant_phone_idx on leads (tenant_id, phone) where phone is not null;
