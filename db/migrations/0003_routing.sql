-- Routing: teams and their members, agent availability/capacity/skills, business hours, routing
-- rules, canned responses, notifications, and the conversation columns routing and SLA need.
-- Every table here is tenant-owned (RLS enabled + forced, policy tenant_isolation, index led by
-- tenant_id). References between tenant-owned rows are composite (tenant_id, id) foreign keys, so
-- a row can never point at another tenant's team or user even though FK checks bypass RLS.
-- Runs on PostgreSQL 15 through 18 (NULLS NOT DISTINCT and ON DELETE SET NULL (col) are 15+).

-- Targets of the composite foreign keys below.
create unique index users_tenant_id_uq on users (tenant_id, id);

create table teams (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(120) not null,
  distribution varchar(20) not null default 'round_robin'
    check (distribution in ('round_robin', 'least_busy', 'skill_based', 'manual')),
  -- Position (team_members.position) of the member who got the last turn; null before the first.
  -- Read and written only under a row lock on the team (SELECT … FOR NO KEY UPDATE), which serialises
  -- the turns of one team across every server instance.
  rr_last_position integer,
  -- First-response SLA overrides per lead tier, in business minutes: {"hot": 5, "warm": 30, "cold": 240}.
  sla_minutes jsonb not null default '{}' check (jsonb_typeof(sla_minutes) = 'object'),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create unique index teams_tenant_name_uq on teams (tenant_id, lower(name));

create table team_members (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  team_id uuid not null,
  user_id uuid not null,
  -- Round-robin order within the team; deferrable so a reorder can swap positions in one transaction.
  position integer not null check (position >= 0),
  created_at timestamptz not null default now(),
  foreign key (tenant_id, team_id) references teams (tenant_id, id) on delete cascade,
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  unique (tenant_id, team_id, user_id),
  constraint team_members_position_uq unique (tenant_id, team_id, position) deferrable initially immediate
);
create index team_members_tenant_user_idx on team_members (tenant_id, user_id);

create table agent_profiles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null,
  -- Set by the agent; a sweep drops idle "online" agents to "away" (see app_mark_inactive_agents_away).
  availability varchar(10) not null default 'offline' check (availability in ('online', 'away', 'offline')),
  -- Most conversations (pending + open) assigned at once.
  capacity integer not null default 5 check (capacity > 0),
  skills text[] not null default '{}',
  last_seen_at timestamptz,
  availability_changed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  unique (tenant_id, user_id)
);
create index agent_profiles_online_seen_idx on agent_profiles (last_seen_at) where availability = 'online';

create table business_hours (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  -- null: the tenant's default; otherwise this team's own hours (a team without a row uses the default).
  team_id uuid,
  timezone varchar(64) not null default 'America/Sao_Paulo',
  -- Opening intervals per weekday (0 = Sunday … 6 = Saturday, local time of `timezone`, close exclusive,
  -- "24:00" = midnight): [{"day": 1, "open": "09:00", "close": "18:00"}, …]. Several per day are allowed.
  weekly jsonb not null default '[{"day":1,"open":"09:00","close":"18:00"},{"day":2,"open":"09:00","close":"18:00"},{"day":3,"open":"09:00","close":"18:00"},{"day":4,"open":"09:00","close":"18:00"},{"day":5,"open":"09:00","close":"18:00"}]'
    check (jsonb_typeof(weekly) = 'array'),
  -- Local dates on which the business is closed all day.
  holidays date[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (tenant_id, team_id) references teams (tenant_id, id) on delete cascade
);
-- One default per tenant and one row per team.
create unique index business_hours_tenant_team_uq on business_hours (tenant_id, team_id) nulls not distinct;

create table routing_rules (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(120) not null,
  -- Lower runs first.
  priority integer not null default 100,
  -- All must hold (AND): [{"field": "score", "op": "gte", "value": 70}, …]; [] matches every lead.
  conditions jsonb not null default '[]' check (jsonb_typeof(conditions) = 'array'),
  -- [{"type": "assign_team", "teamId": "…"}, {"type": "add_tag", "tag": "vip"}, {"type": "set_sla", "minutes": 10}, …]
  actions jsonb not null default '[]' check (jsonb_typeof(actions) = 'array'),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index routing_rules_tenant_priority_idx on routing_rules (tenant_id, priority, created_at);

create table canned_responses (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  shortcut varchar(50) not null,
  title varchar(120) not null,
  body text not null,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index canned_responses_tenant_shortcut_uq on canned_responses (tenant_id, lower(shortcut));

create table notifications (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null,
  kind varchar(40) not null,
  data jsonb not null default '{}',
  read_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index notifications_tenant_user_idx on notifications (tenant_id, user_id, created_at desc);
create index notifications_tenant_unread_idx on notifications (tenant_id, user_id) where read_at is null;

alter table conversations
  add column team_id uuid,
  -- Set while the conversation waits in its team's queue (nobody available); FIFO order.
  add column queued_at timestamptz,
  add column first_response_at timestamptz,
  add column sla_breached_at timestamptz,
  -- The one SLA re-route happened (or was attempted) at this time.
  add column rerouted_at timestamptz,
  -- Routing ran for the current handoff (makes routeHandoff idempotent).
  add column routed_at timestamptz,
  add constraint conversations_team_fk foreign key (tenant_id, team_id)
    references teams (tenant_id, id) on delete set null (team_id);
-- Capacity counts: conversations per assignee in pending + open.
create index conversations_tenant_assignee_idx on conversations (tenant_id, assigned_to, status) where assigned_to is not null;
-- Team queues, oldest first.
create index conversations_tenant_team_queue_idx on conversations (tenant_id, team_id, queued_at, id)
  where queued_at is not null and assigned_to is null;

do $$
declare t text;
begin
  foreach t in array array['teams', 'team_members', 'agent_profiles', 'business_hours', 'routing_rules', 'canned_responses', 'notifications'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;

-- The inactivity sweep runs for every tenant at once (a scheduled job, no tenant bound): it drops
-- "online" agents idle since before p_now - p_idle to "away" and answers which ones, nothing more.
-- Rows locked by an assignment in progress are skipped (picked up by the next sweep), so the sweep
-- never waits on, or deadlocks with, the routing locks.
create or replace function app_mark_inactive_agents_away(p_now timestamptz, p_idle interval)
  returns table (tenant_id uuid, user_id uuid)
  language sql volatile security definer set search_path = public
  as $$
    with idle as (
      select a.id from agent_profiles a
      where a.availability = 'online' and coalesce(a.last_seen_at, a.availability_changed_at, a.created_at) < p_now - p_idle
      order by a.tenant_id, a.user_id
      for no key update skip locked
    )
    update agent_profiles a set availability = 'away', availability_changed_at = p_now, updated_at = p_now
    from idle where a.id = idle.id
    returning a.tenant_id, a.user_id
  $$;
