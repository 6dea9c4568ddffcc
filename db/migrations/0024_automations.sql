-- CRM automations: trigger + conditions + actions (validated by validators/automations.ts), and one
-- run row per firing: the job's log (status, attempts, error, what each action did). Loop
-- protection counts an automation's runs per entity in the last hour.
create table automations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(120) not null check (name <> ''),
  trigger varchar(30) not null check (trigger in ('lead_created', 'score_changed', 'stage_changed', 'deal_won', 'deal_lost', 'meeting_scheduled', 'conversation_handed_off')),
  conditions jsonb not null default '[]' check (jsonb_typeof(conditions) = 'array'),
  actions jsonb not null default '[]' check (jsonb_typeof(actions) = 'array'),
  is_active boolean not null default true,
  max_per_entity_per_hour integer not null default 3 check (max_per_entity_per_hour between 1 and 20),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index automations_tenant_trigger_idx on automations (tenant_id, trigger) where is_active;

create table automation_runs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  automation_id uuid not null,
  trigger varchar(30) not null,
  entity_type varchar(10) not null check (entity_type in ('lead', 'deal')),
  entity_id uuid not null,
  -- What fired it (e.g. { "from": 10, "to": 45 } for a score change, the stage ids for a move).
  event jsonb not null default '{}' check (jsonb_typeof(event) = 'object'),
  status varchar(12) not null default 'pending' check (status in ('pending', 'running', 'retrying', 'succeeded', 'failed', 'skipped', 'loop_blocked')),
  attempts integer not null default 0,
  error text check (char_length(error) <= 2000),
  -- One entry per action done: [{ "type": "add_tag", "ok": true }, …].
  result jsonb not null default '[]' check (jsonb_typeof(result) = 'array'),
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  finished_at timestamptz,
  unique (tenant_id, id),
  foreign key (tenant_id, automation_id) references automations (tenant_id, id) on delete cascade
);
create index automation_runs_tenant_automation_idx on automation_runs (tenant_id, automation_id, created_at desc);
create index automation_runs_loop_idx on automation_runs (tenant_id, automation_id, entity_id, created_at);

do $$
declare t text;
begin
  foreach t in array array['automations', 'automation_runs'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;
