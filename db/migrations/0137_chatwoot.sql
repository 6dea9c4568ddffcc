-- Chatwoot mirror (issue 10, item 9): for teams already on Chatwoot. A conversation handed off to
-- humans is mirrored into one API-channel inbox of the tenant's Chatwoot account (the lead as the
-- contact, the transcript, then every new lead message); agents' replies there come back through
-- Chatwoot's webhook and go to the lead on the conversation's channel. One connection per tenant;
-- the API access token and the webhook's secret token are sealed like the Slack secrets.
create table chatwoot_connections (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  base_url varchar(2048) not null check (base_url ~ '^https?://'),
  account_id integer not null check (account_id > 0),
  inbox_id integer not null check (inbox_id > 0),
  -- { apiToken, webhookToken }
  credentials_encrypted text not null,
  -- Unguessable route key: /api/chatwoot/webhook/{webhook_key}?token=… names the connection.
  webhook_key varchar(64) not null unique check (char_length(webhook_key) >= 32),
  -- sha256 (hex) of the webhook's secret token, compared in constant time by the route.
  webhook_token_sha256 varchar(64) not null check (webhook_token_sha256 ~ '^[0-9a-f]{64}$'),
  is_active boolean not null default true,
  last_error varchar(500),
  last_mirrored_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);

-- One mirrored conversation: which Chatwoot contact and conversation stand for it.
create table chatwoot_conversations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  connection_id uuid not null,
  conversation_id uuid not null,
  chatwoot_contact_id bigint,
  -- The conversation's display id in Chatwoot (its API paths and its webhooks use it).
  chatwoot_conversation_id bigint,
  -- A mirror job holds the conversation until then (one job posts at a time, in order).
  lease_until timestamptz,
  last_error varchar(500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, conversation_id),
  unique (connection_id, chatwoot_conversation_id),
  foreign key (tenant_id, connection_id) references chatwoot_connections (tenant_id, id) on delete cascade,
  foreign key (tenant_id, conversation_id) references conversations (tenant_id, id) on delete cascade
);

-- Which of our messages stand for which Chatwoot message, either way: a message posted to
-- Chatwoot is never posted again, and a Chatwoot message we posted or already delivered is never
-- taken for an agent's reply (loop prevention).
create table chatwoot_messages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  mirror_id uuid not null,
  message_id uuid not null,
  chatwoot_message_id bigint not null,
  direction varchar(4) not null check (direction in ('out', 'in')),
  created_at timestamptz not null default now(),
  unique (tenant_id, message_id),
  unique (mirror_id, chatwoot_message_id),
  foreign key (tenant_id, mirror_id) references chatwoot_conversations (tenant_id, id) on delete cascade,
  foreign key (tenant_id, message_id) references messages (tenant_id, id) on delete cascade
);
create index chatwoot_conversations_conversation on chatwoot_conversations (tenant_id, conversation_id);
create index chatwoot_messages_mirror on chatwoot_messages (tenant_id, mirror_id);

alter table chatwoot_connections enable row level security;
alter table chatwoot_connections force row level security;
create policy tenant_isolation on chatwoot_connections using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
alter table chatwoot_conversations enable row level security;
alter table chatwoot_conversations force row level security;
create policy tenant_isolation on chatwoot_conversations using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
alter table chatwoot_messages enable row level security;
alter table chatwoot_messages force row level security;
create policy tenant_isolation on chatwoot_messages using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());

-- A Chatwoot webhook arrives before the tenant is known: its route key names one active
-- connection; the route compares the token's hash in constant time.
create or replace function app_resolve_chatwoot_webhook(p_key text)
  returns table (tenant_id uuid, connection_id uuid, webhook_token_sha256 text)
  language sql stable security definer set search_path = public
  as $$
    select c.tenant_id, c.id, c.webhook_token_sha256::text from chatwoot_connections c
    where c.is_active and c.webhook_key = p_key
  $$;
