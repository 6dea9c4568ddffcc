-- Conversations: inboxes (web / whatsapp / api), leads, conversations, messages, versioned
-- qualification flows, inbound events (idempotency + recovery), consents, conversation events,
-- and the embedded scheduler's queue.

create table inboxes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(255) not null,
  channel varchar(20) not null check (channel in ('web', 'whatsapp', 'api')),
  -- Public, unguessable key in the widget snippet / API inbox; routes a request to its tenant.
  public_key varchar(64) not null unique default ('pk_' || encode(gen_random_bytes(18), 'hex')),
  settings jsonb not null default '{}',
  -- AES-256-GCM ciphertext of channel secrets (access token, app secret, verify token).
  credentials_encrypted text,
  wa_phone_number_id varchar(64) unique,
  -- Path key of an inbox that brings its own Meta app: /api/whatsapp/{webhook_key}.
  webhook_key varchar(64) unique,
  flow_key uuid,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index inboxes_tenant_idx on inboxes (tenant_id, created_at);

create table qualification_flows (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  -- Stable across versions; (flow_key, version) names one immutable definition.
  flow_key uuid not null default gen_random_uuid(),
  name varchar(255) not null,
  version integer not null,
  definition jsonb not null,
  is_default boolean not null default false,
  published_at timestamptz,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  unique (tenant_id, flow_key, version)
);
create index qualification_flows_tenant_idx on qualification_flows (tenant_id, flow_key, version desc);

create table leads (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(255),
  email varchar(255),
  phone varchar(50),
  company varchar(255),
  source varchar(20) not null check (source in ('web', 'whatsapp', 'api', 'import', 'manual')),
  source_details jsonb not null default '{}',
  -- Identity: a WhatsApp number merges automatically; a widget visitor id is per browser.
  wa_id varchar(32),
  visitor_id varchar(64),
  stage varchar(30) not null default 'new',
  bant_score integer not null default 0,
  bant_data jsonb not null default '{}',
  tags text[] not null default '{}',
  possible_duplicate_of uuid references leads(id) on delete set null,
  marketing_consent boolean not null default false,
  opted_out_at timestamptz,
  last_inbound_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index leads_tenant_wa_uq on leads (tenant_id, wa_id) where wa_id is not null;
create unique index leads_tenant_visitor_uq on leads (tenant_id, visitor_id) where visitor_id is not null;
create index leads_tenant_created_idx on leads (tenant_id, created_at desc, id);
create index leads_tenant_email_idx on leads (tenant_id, lower(email));

create table conversations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  inbox_id uuid not null references inboxes(id) on delete cascade,
  lead_id uuid not null references leads(id) on delete cascade,
  status varchar(20) not null default 'bot' check (status in ('bot', 'pending', 'open', 'resolved')),
  flow_id uuid references qualification_flows(id) on delete set null,
  bot_state jsonb,
  bot_revision integer not null default 0,
  current_step varchar(100),
  assigned_to uuid references users(id) on delete set null,
  handoff_reason varchar(50),
  sla_due_at timestamptz,
  last_inbound_at timestamptz,
  last_message_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conversations_tenant_status_idx on conversations (tenant_id, status, last_message_at desc);
create index conversations_tenant_lead_idx on conversations (tenant_id, lead_id, inbox_id);

create table messages (
  id uuid primary key default gen_random_uuid(),
  -- Global, monotonic: readers (SSE, polling) resume "after the last seen seq" on any instance.
  seq bigint generated always as identity unique,
  tenant_id uuid not null references tenants(id) on delete cascade,
  conversation_id uuid not null references conversations(id) on delete cascade,
  sender varchar(10) not null check (sender in ('lead', 'bot', 'agent', 'system')),
  sender_user_id uuid references users(id) on delete set null,
  content_type varchar(20) not null default 'text',
  text text,
  payload jsonb not null default '{}',
  provider_message_id varchar(128),
  delivery_status varchar(12) check (delivery_status in ('pending', 'sent', 'delivered', 'read', 'failed')),
  delivery_error jsonb,
  created_at timestamptz not null default now()
);
create unique index messages_tenant_provider_uq on messages (tenant_id, provider_message_id) where provider_message_id is not null;
create index messages_tenant_conversation_idx on messages (tenant_id, conversation_id, seq);

create table inbound_events (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,
  tenant_id uuid not null references tenants(id) on delete cascade,
  inbox_id uuid not null references inboxes(id) on delete cascade,
  conversation_id uuid references conversations(id) on delete cascade,
  provider varchar(20) not null,
  -- wamid for messages, "status:<wamid>:<status>" for statuses, a client id for widget/API sends.
  provider_event_id varchar(200) not null,
  kind varchar(20) not null,
  payload jsonb not null,
  status varchar(12) not null default 'pending' check (status in ('pending', 'processed', 'failed', 'ignored')),
  attempts integer not null default 0,
  error text,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
create unique index inbound_events_tenant_provider_uq on inbound_events (tenant_id, provider, provider_event_id);
create index inbound_events_tenant_pending_idx on inbound_events (tenant_id, status, seq) where status = 'pending';

create table consents (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  lead_id uuid not null references leads(id) on delete cascade,
  purpose varchar(20) not null check (purpose in ('service', 'marketing')),
  granted boolean not null,
  legal_basis varchar(40) not null,
  channel varchar(20) not null,
  text_shown text not null,
  text_version varchar(40) not null,
  ip varchar(64),
  user_agent text,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index consents_tenant_lead_idx on consents (tenant_id, lead_id, purpose, created_at desc);

create table conversation_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  conversation_id uuid not null references conversations(id) on delete cascade,
  kind varchar(30) not null,
  data jsonb not null default '{}',
  actor_user_id uuid references users(id) on delete set null,
  created_at timestamptz not null default now()
);
create index conversation_events_tenant_conv_idx on conversation_events (tenant_id, conversation_id, created_at);

create table scheduled_jobs (
  id uuid primary key default gen_random_uuid(),
  destination text not null,
  body text not null,
  not_before timestamptz not null,
  deduplication_id varchar(200) unique,
  attempts integer not null default 0,
  delivered_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
comment on table scheduled_jobs is 'global: the embedded default''s stand-in for the QStash queue; platform infrastructure that delivers signed callbacks';
create index scheduled_jobs_due_idx on scheduled_jobs (not_before) where delivered_at is null;

do $$
declare t text;
begin
  foreach t in array array['inboxes', 'qualification_flows', 'leads', 'conversations', 'messages', 'inbound_events', 'consents', 'conversation_events'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;

-- Public entry points (widget key, WhatsApp phone_number_id, own-app webhook path) arrive before
-- the tenant is known. This definer function answers one key with (tenant, inbox) and nothing more.
create or replace function app_resolve_inbox(p_kind text, p_key text)
  returns table (tenant_id uuid, inbox_id uuid, channel varchar)
  language sql stable security definer set search_path = public
  as $$
    select i.tenant_id, i.id, i.channel from inboxes i
    where i.is_active and case p_kind
      when 'public_key' then i.public_key = p_key
      when 'phone_number_id' then i.wa_phone_number_id = p_key
      when 'webhook_key' then i.webhook_key = p_key
      else false end
  $$;

-- The recovery sweep must find inbound events left pending in any tenant: ids only.
create or replace function app_stale_inbound(p_older_than interval, p_limit int)
  returns table (tenant_id uuid, conversation_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select distinct e.tenant_id, e.conversation_id from inbound_events e
    where e.status = 'pending' and e.conversation_id is not null and e.received_at < now() - p_older_than
    limit p_limit
  $$;
