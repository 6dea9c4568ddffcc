-- Analytics rollups (issue 9, item 6; docs/analytics.md "Rollups and live SQL"): per São Paulo day,
-- the dashboard's conversation, bot-step, agent, message-volume and lead-source figures, so a
-- year-long range reads a few thousand rollup rows instead of 100,000 conversations and leads and
-- 1,000,000 messages.
--
-- The rollup only caches days that are closed and clean. Readers (core/analytics/rollup.ts) take
-- a day from the rollup when it is before the tenant's `rolled_through` and not marked dirty, and
-- compute every other day of the range live with the same SQL the refresh uses: numbers are
-- always what the live tables say, the refresh only decides how much of the range is cheap.
-- Marks come from the triggers below (a change to a row of a closed day: a late event, a booking
-- for an older conversation's lead, a reassignment, a deletion); the refresh job
-- (/api/jobs/analytics-rollup, a QStash schedule) recomputes marked days and rolls up the days
-- that closed since its last run.

-- Days before `rolled_through` (São Paulo calendar days) are in the rollup tables.
create table analytics_rollup_state (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  rolled_through date not null,
  refreshed_at timestamptz not null default now()
);

-- Append-only marks: a day whose rollup rows may no longer match the live tables. A mark is only
-- removed by the refresh that recomputes its day (a mark committed after the refresh's first
-- statement survives it, so no change is lost between a read of the rows and their rewrite).
create table analytics_dirty_days (
  tenant_id uuid not null references tenants(id) on delete cascade,
  day date not null,
  marked_at timestamptz not null default now()
);
create index analytics_dirty_days_tenant_day_idx on analytics_dirty_days (tenant_id, day);

-- Conversations started that day, by inbox and team (team_id as it is now): all of them
-- (channels) and those the bot started, qualified, booked and handed off (bot funnel, monthly rates).
create table analytics_conversation_days (
  tenant_id uuid not null references tenants(id) on delete cascade,
  day date not null,
  inbox_id uuid not null,
  team_id uuid,
  conversations integer not null,
  bot_started integer not null,
  qualified integer not null,
  booked integer not null,
  handed_off integer not null
);
create index analytics_conversation_days_tenant_day_idx on analytics_conversation_days (tenant_id, day);

-- The bot funnel's steps: of the bot conversations started that day, how many reached and
-- answered each step of each flow, and the sum of the step's first position in their paths.
create table analytics_bot_step_days (
  tenant_id uuid not null references tenants(id) on delete cascade,
  day date not null,
  inbox_id uuid not null,
  team_id uuid,
  flow_id uuid not null,
  step_id text not null,
  reached integer not null,
  answered integer not null,
  pos_sum bigint not null
);
create index analytics_bot_step_days_tenant_day_idx on analytics_bot_step_days (tenant_id, day);

-- Agent performance: conversations started that day and assigned to the user, their SLA outcome,
-- and each one's first-response and resolution seconds (kept as values, so medians stay exact).
create table analytics_agent_days (
  tenant_id uuid not null references tenants(id) on delete cascade,
  day date not null,
  inbox_id uuid not null,
  team_id uuid,
  user_id uuid not null,
  conversations integer not null,
  sla_hit integer not null,
  sla_missed integer not null,
  first_response_seconds double precision[] not null,
  resolution_seconds double precision[] not null
);
create index analytics_agent_days_tenant_day_idx on analytics_agent_days (tenant_id, day);

-- Volume by hour: messages sent that day in the conversations of an inbox / team, by hour of day
-- (São Paulo): element h + 1 counts hour h (24 per array, so a year is one row per day, inbox, team).
create table analytics_message_hours (
  tenant_id uuid not null references tenants(id) on delete cascade,
  day date not null,
  inbox_id uuid not null,
  team_id uuid,
  inbound integer[] not null check (cardinality(inbound) = 24),
  outbound integer[] not null check (cardinality(outbound) = 24)
);
create index analytics_message_hours_tenant_day_idx on analytics_message_hours (tenant_id, day);

-- Lead sources: leads created that day by source. inbox_id / team_id say which leads: both null,
-- all of them; an inbox, those with a conversation in it; a team, those with a conversation of it;
-- both, those with a conversation in that inbox and of that team (the filters' meaning).
create table analytics_lead_days (
  tenant_id uuid not null references tenants(id) on delete cascade,
  day date not null,
  source varchar(20) not null,
  inbox_id uuid,
  team_id uuid,
  leads integer not null
);
create index analytics_lead_days_tenant_day_idx on analytics_lead_days (tenant_id, day);

do $$
declare t text;
begin
  foreach t in array array['analytics_rollup_state', 'analytics_dirty_days', 'analytics_conversation_days', 'analytics_bot_step_days', 'analytics_agent_days', 'analytics_message_hours', 'analytics_lead_days'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;

-- The first instant of today in São Paulo: rows before it belong to closed days.
create or replace function app_analytics_today_start() returns timestamptz
  language sql stable
  as $$ select (date_trunc('day', now() at time zone 'America/Sao_Paulo')) at time zone 'America/Sao_Paulo' $$;

-- Marks (tenant, São Paulo day of `p_at`) dirty when that day is closed. One mark per day per
-- transaction (a bulk import or deletion writes one row per day, not per row).
create or replace function app_analytics_mark(p_tenant uuid, p_at timestamptz) returns void
  language plpgsql as $$
declare
  d date := (p_at at time zone 'America/Sao_Paulo')::date;
begin
  if p_at is null or p_at >= app_analytics_today_start() then
    return;
  end if;
  insert into analytics_dirty_days (tenant_id, day)
  select p_tenant, d
  where not exists (
    select 1 from analytics_dirty_days x
    where x.tenant_id = p_tenant and x.day = d and x.xmin::text = (txid_current() % 4294967296)::text
  );
end $$;

-- Plain (not SECURITY DEFINER) triggers: they run as the writer, under its tenant's RLS.

-- A lead created on a closed day: its day (lead sources count it by its conversations' inbox / team).
create or replace function app_analytics_mark_lead_day(p_tenant uuid, p_lead uuid) returns void
  language plpgsql as $$
declare
  at timestamptz;
begin
  select l.created_at into at from leads l where l.tenant_id = p_tenant and l.id = p_lead;
  perform app_analytics_mark(p_tenant, at);
end $$;

-- A conversation changed (or appeared, or went): its day when it started on a closed day; its
-- lead's day when it came, went or moved inbox / team; and when its inbox or team moved, the closed
-- days of its messages (volume by hour filters by them).
create or replace function app_analytics_conversation_changed() returns trigger
  language plpgsql as $$
declare
  r record;
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    perform app_analytics_mark(OLD.tenant_id, OLD.created_at);
  end if;
  if TG_OP in ('UPDATE', 'INSERT') then
    perform app_analytics_mark(NEW.tenant_id, NEW.created_at);
  end if;
  if TG_OP = 'INSERT' then
    perform app_analytics_mark_lead_day(NEW.tenant_id, NEW.lead_id);
  elsif TG_OP = 'DELETE' then
    perform app_analytics_mark_lead_day(OLD.tenant_id, OLD.lead_id);
  elsif (OLD.lead_id, OLD.inbox_id, OLD.team_id) is distinct from (NEW.lead_id, NEW.inbox_id, NEW.team_id) then
    perform app_analytics_mark_lead_day(OLD.tenant_id, OLD.lead_id);
    perform app_analytics_mark_lead_day(NEW.tenant_id, NEW.lead_id);
  end if;
  if TG_OP = 'UPDATE' and (OLD.inbox_id, OLD.team_id) is distinct from (NEW.inbox_id, NEW.team_id) then
    for r in
      select min(m.created_at) as at
      from messages m
      where m.tenant_id = NEW.tenant_id and m.conversation_id = NEW.id and m.created_at < app_analytics_today_start()
      group by (m.created_at at time zone 'America/Sao_Paulo')::date
    loop
      perform app_analytics_mark(NEW.tenant_id, r.at);
    end loop;
  end if;
  return null;
end $$;

-- Every insert and delete (a new conversation of an older lead changes that lead's day).
create trigger conversations_analytics_insert after insert on conversations
  for each row execute function app_analytics_conversation_changed();
create trigger conversations_analytics_delete after delete on conversations
  for each row execute function app_analytics_conversation_changed();
-- Only the columns the figures read: a bot turn that changes neither the path nor the answers of
-- an older conversation marks nothing; on today's conversations only a move of lead, inbox or team.
create trigger conversations_analytics_update after update on conversations
  for each row when (((OLD.created_at < app_analytics_today_start() or NEW.created_at < app_analytics_today_start())
    and ((OLD.created_at, OLD.flow_id, OLD.assigned_to, OLD.status, OLD.routed_at,
          OLD.first_response_at, OLD.sla_due_at, OLD.sla_breached_at, OLD.bot_state -> 'path', OLD.bot_state -> 'answers')
      is distinct from (NEW.created_at, NEW.flow_id, NEW.assigned_to, NEW.status, NEW.routed_at,
          NEW.first_response_at, NEW.sla_due_at, NEW.sla_breached_at, NEW.bot_state -> 'path', NEW.bot_state -> 'answers')))
    or (OLD.lead_id, OLD.inbox_id, OLD.team_id) is distinct from (NEW.lead_id, NEW.inbox_id, NEW.team_id))
  execute function app_analytics_conversation_changed();

-- A lead of a closed day stored late (an import), removed, or moved to another source or day.
create or replace function app_analytics_lead_changed() returns trigger
  language plpgsql as $$
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    perform app_analytics_mark(OLD.tenant_id, OLD.created_at);
  end if;
  if TG_OP in ('UPDATE', 'INSERT') then
    perform app_analytics_mark(NEW.tenant_id, NEW.created_at);
  end if;
  return null;
end $$;

create trigger leads_analytics_insert after insert on leads
  for each row when (NEW.created_at < app_analytics_today_start())
  execute function app_analytics_lead_changed();
create trigger leads_analytics_delete after delete on leads
  for each row when (OLD.created_at < app_analytics_today_start())
  execute function app_analytics_lead_changed();
create trigger leads_analytics_update after update of source, created_at on leads
  for each row when ((OLD.source, OLD.created_at) is distinct from (NEW.source, NEW.created_at))
  execute function app_analytics_lead_changed();

-- A qualified / handoff / resolved event: its conversation's day.
create or replace function app_analytics_event_changed() returns trigger
  language plpgsql as $$
declare
  at timestamptz;
begin
  if TG_OP in ('UPDATE', 'DELETE') and OLD.kind in ('qualified', 'handoff', 'resolved') then
    select c.created_at into at from conversations c where c.tenant_id = OLD.tenant_id and c.id = OLD.conversation_id;
    perform app_analytics_mark(OLD.tenant_id, at);
  end if;
  if TG_OP in ('UPDATE', 'INSERT') and NEW.kind in ('qualified', 'handoff', 'resolved') then
    select c.created_at into at from conversations c where c.tenant_id = NEW.tenant_id and c.id = NEW.conversation_id;
    perform app_analytics_mark(NEW.tenant_id, at);
  end if;
  return null;
end $$;

create trigger conversation_events_analytics_insert after insert on conversation_events
  for each row when (NEW.kind in ('qualified', 'handoff', 'resolved'))
  execute function app_analytics_event_changed();
create trigger conversation_events_analytics_delete after delete on conversation_events
  for each row when (OLD.kind in ('qualified', 'handoff', 'resolved'))
  execute function app_analytics_event_changed();
create trigger conversation_events_analytics_update after update on conversation_events
  for each row when ((OLD.kind, OLD.conversation_id, OLD.created_at) is distinct from (NEW.kind, NEW.conversation_id, NEW.created_at))
  execute function app_analytics_event_changed();

-- A booking (meetings row, or a meeting activity): the days of the lead's conversations started
-- at or before it ("booked" in core/analytics/booked.ts).
create or replace function app_analytics_mark_lead(p_tenant uuid, p_lead uuid, p_at timestamptz) returns void
  language plpgsql as $$
declare
  r record;
begin
  if p_lead is null then
    return;
  end if;
  for r in
    select min(c.created_at) as at from conversations c
    where c.tenant_id = p_tenant and c.lead_id = p_lead and c.created_at <= p_at and c.created_at < app_analytics_today_start()
    group by (c.created_at at time zone 'America/Sao_Paulo')::date
  loop
    perform app_analytics_mark(p_tenant, r.at);
  end loop;
end $$;

-- Both tables (the activity triggers fire only for meeting activities, before or after the change).
create or replace function app_analytics_booking_changed() returns trigger
  language plpgsql as $$
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    perform app_analytics_mark_lead(OLD.tenant_id, OLD.lead_id, OLD.created_at);
  end if;
  if TG_OP in ('UPDATE', 'INSERT') then
    perform app_analytics_mark_lead(NEW.tenant_id, NEW.lead_id, NEW.created_at);
  end if;
  return null;
end $$;

create trigger meetings_analytics_insert after insert on meetings
  for each row execute function app_analytics_booking_changed();
create trigger meetings_analytics_delete after delete on meetings
  for each row execute function app_analytics_booking_changed();
create trigger meetings_analytics_update after update of lead_id, created_at on meetings
  for each row when ((OLD.lead_id, OLD.created_at) is distinct from (NEW.lead_id, NEW.created_at))
  execute function app_analytics_booking_changed();

create trigger activities_analytics_insert after insert on activities
  for each row when (NEW.type = 'meeting')
  execute function app_analytics_booking_changed();
create trigger activities_analytics_delete after delete on activities
  for each row when (OLD.type = 'meeting')
  execute function app_analytics_booking_changed();
create trigger activities_analytics_update after update on activities
  for each row when ((OLD.type = 'meeting' or NEW.type = 'meeting')
    and (OLD.type, OLD.lead_id, OLD.created_at, OLD.system_event, OLD.deleted_at) is distinct from (NEW.type, NEW.lead_id, NEW.created_at, NEW.system_event, NEW.deleted_at))
  execute function app_analytics_booking_changed();

-- A message of a closed day stored late (an import), removed (retention) or moved.
create or replace function app_analytics_message_changed() returns trigger
  language plpgsql as $$
begin
  if TG_OP in ('UPDATE', 'DELETE') then
    perform app_analytics_mark(OLD.tenant_id, OLD.created_at);
  end if;
  if TG_OP in ('UPDATE', 'INSERT') then
    perform app_analytics_mark(NEW.tenant_id, NEW.created_at);
  end if;
  return null;
end $$;

create trigger messages_analytics_insert after insert on messages
  for each row when (NEW.created_at < app_analytics_today_start())
  execute function app_analytics_message_changed();
create trigger messages_analytics_delete after delete on messages
  for each row when (OLD.created_at < app_analytics_today_start())
  execute function app_analytics_message_changed();
create trigger messages_analytics_update after update of created_at, sender, conversation_id on messages
  for each row when ((OLD.created_at, OLD.sender, OLD.conversation_id) is distinct from (NEW.created_at, NEW.sender, NEW.conversation_id))
  execute function app_analytics_message_changed();

-- The refresh job runs across tenants: which tenants have days to roll up (no state yet, days
-- closed since `rolled_through`, or marked days). Ids only.
create or replace function app_tenants_for_analytics_rollup(p_closed date, p_limit int)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select t.id from tenants t
    left join analytics_rollup_state s on s.tenant_id = t.id
    where s.tenant_id is null or s.rolled_through < p_closed
       or exists (select 1 from analytics_dirty_days d where d.tenant_id = t.id)
    order by s.refreshed_at nulls first, t.id
    limit greatest(p_limit, 0)
  $$;
