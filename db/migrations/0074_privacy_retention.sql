-- LGPD retention (issue 12): per tenant, leads that never converted (no CRM contact, no deal) are
-- anonymised once they have been idle for N months. The job runs daily from the maintenance sweep
-- when enabled; admins see a dry run (how many, which) before turning it on. The last run's report stays.

create table privacy_retention (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  enabled boolean not null default false,
  unconverted_lead_months integer not null default 24 check (unconverted_lead_months between 1 and 120),
  last_run_at timestamptz,
  last_report jsonb not null default '{}' check (jsonb_typeof(last_report) = 'object'),
  updated_at timestamptz not null default now()
);

alter table privacy_retention enable row level security;
alter table privacy_retention force row level security;
create policy tenant_isolation on privacy_retention using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
