-- Scheduling (docs/scheduling.md): a tenant's connections to Calendly / Cal.com and the meetings
-- their signed webhooks create, reschedule and cancel. Credentials (API token and the webhook's
-- signing secret) are AES-256-GCM like inbox credentials (core/inboxes/credentials.ts).

create table calendar_connections (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  provider varchar(10) not null check (provider in ('calendly', 'calcom')),
  credentials_encrypted text not null,
  -- Calendly: the user's URI and organization URI; Cal.com: the user's id.
  account_ref varchar(500) not null check (account_ref <> ''),
  organization_ref varchar(500),
  account_name varchar(255) not null default '',
  -- The event type the tenant picked (Calendly URI, Cal.com numeric id) and its booking page.
  event_type_ref varchar(500),
  event_type_name varchar(255),
  booking_url varchar(2000),
  -- The provider's webhook subscription (Calendly URI, Cal.com id), created through its API.
  webhook_ref varchar(500),
  -- Unguessable route key: /api/webhooks/{calendly|calcom}/{webhook_key} names the connection.
  webhook_key varchar(64) not null unique check (char_length(webhook_key) >= 32),
  is_active boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, provider),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);

create table meetings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  connection_id uuid,
  provider varchar(10) not null check (provider in ('calendly', 'calcom')),
  -- Calendly: the invitee URI (one per booking, a reschedule makes a new one); Cal.com: the booking uid.
  external_id varchar(500) not null check (external_id <> ''),
  lead_id uuid not null,
  deal_id uuid,
  conversation_id uuid,
  activity_id uuid,
  title varchar(255) not null check (title <> ''),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at >= starts_at),
  status varchar(12) not null default 'scheduled' check (status in ('scheduled', 'rescheduled', 'canceled', 'completed', 'no_show')),
  outcome varchar(20) check (outcome in ('advanced', 'proposal', 'follow_up', 'not_interested')),
  invitee_name varchar(200),
  invitee_email varchar(255),
  join_url varchar(2000),
  cancel_reason varchar(500),
  -- The meeting a reschedule replaced this one with.
  rescheduled_to uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, provider, external_id),
  foreign key (tenant_id, connection_id) references calendar_connections (tenant_id, id) on delete set null (connection_id),
  foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete cascade,
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete set null (deal_id),
  foreign key (tenant_id, conversation_id) references conversations (tenant_id, id) on delete set null (conversation_id),
  foreign key (tenant_id, activity_id) references activities (tenant_id, id) on delete set null (activity_id),
  foreign key (tenant_id, rescheduled_to) references meetings (tenant_id, id) on delete set null (rescheduled_to)
);
create index meetings_tenant_starts_idx on meetings (tenant_id, starts_at);
create index meetings_tenant_lead_idx on meetings (tenant_id, lead_id);

do $$
declare t text;
begin
  foreach t in array array['calendar_connections', 'meetings'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;

-- A calendar webhook arrives before the tenant is known: its route key names one active connection.
create or replace function app_resolve_calendar_webhook(p_provider text, p_key text)
  returns table (tenant_id uuid, connection_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select c.tenant_id, c.id from calendar_connections c
    where c.is_active and c.provider = p_provider and c.webhook_key = p_key
  $$;

-- Meetings feed automations: canceled, no-show and an outcome recorded after the meeting.
alter table automations drop constraint automations_trigger_check;
alter table automations add constraint automations_trigger_check check (trigger in ('lead_created', 'score_changed', 'stage_changed', 'deal_won', 'deal_lost', 'meeting_scheduled', 'meeting_canceled', 'meeting_no_show', 'meeting_outcome', 'conversation_handed_off'));

-- An invitee no conversation knows (booked from the public page): a new lead from the calendar.
alter table leads drop constraint leads_source_check;
alter table leads add constraint leads_source_check check (source in ('web', 'whatsapp', 'api', 'import', 'manual', 'calendar'));
