-- LGPD security incidents (Res. ANPD 15/2024): the tenant's register of incidents with personal
-- data — what happened, when the company knew, the data and subjects affected, the measures taken —
-- and when the ANPD and the subjects were told (deadline: 3 business days from knowing, art. 6).

create table privacy_incidents (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  title varchar(200) not null check (title <> ''),
  description varchar(5000) not null check (description <> ''),
  occurred_at timestamptz,
  known_at timestamptz not null,
  data_categories varchar(60)[] not null check (cardinality(data_categories) between 1 and 20),
  subjects_affected integer not null check (subjects_affected between 0 and 100000000),
  measures varchar(5000) not null check (measures <> ''),
  risk varchar(10) not null check (risk in ('low', 'medium', 'high')),
  anpd_notified_at timestamptz,
  subjects_notified_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index privacy_incidents_tenant_known_idx on privacy_incidents (tenant_id, known_at desc);

alter table privacy_incidents enable row level security;
alter table privacy_incidents force row level security;
create policy tenant_isolation on privacy_incidents using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
