-- Lead score: the BANT score plus engagement and fit, kept on the lead with its explanation (one
-- fact per answer or fact, with its points) and recomputed by the core whenever an input changes.
alter table leads
  add column score integer not null default 0,
  add column score_facts jsonb not null default '[]' check (jsonb_typeof(score_facts) = 'array'),
  add column score_updated_at timestamptz;
create index leads_tenant_lead_score_idx on leads (tenant_id, score, created_at, id);

-- Per-tenant weights (engagement points and caps, company size, custom field values); absent = defaults.
create table lead_score_settings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null unique references tenants(id) on delete cascade,
  weights jsonb not null default '{}' check (jsonb_typeof(weights) = 'object'),
  updated_at timestamptz not null default now()
);
alter table lead_score_settings enable row level security;
alter table lead_score_settings force row level security;
create policy tenant_isolation on lead_score_settings using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());

-- Meetings are counted per lead and per contact: the activity indexes by lead / contact already exist.
