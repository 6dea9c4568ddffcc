-- Slack (issue 10, item 6): one connection per tenant. Either a bot token (chat.postMessage to a
-- channel; slash commands answered with the app's signing secret) or an incoming webhook URL
-- (notifications only, or slash commands too when a signing secret is given). Secrets are stored
-- encrypted with the credentials keyring (inboxes/credentials.ts).
create table slack_connections (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  mode varchar(10) not null check (mode in ('bot', 'webhook')),
  -- { botToken?, webhookUrl?, signingSecret? }
  credentials_encrypted text not null,
  -- Bot mode: the channel notifications go to (an id such as C0123 or a name such as #vendas).
  channel varchar(80),
  -- The workspace the bot token opens (auth.test); a slash command from another workspace is refused.
  team_id varchar(32),
  team_name varchar(255) not null default '',
  -- The events that notify: a subset of lead.qualified, conversation.handed_off, deal.won.
  notify_events text[] not null default '{lead.qualified,conversation.handed_off,deal.won}' check (cardinality(notify_events) <= 10),
  -- Unguessable route key: /api/slack/commands/{command_key} names the connection (its Request URL in Slack).
  command_key varchar(64) not null unique check (char_length(command_key) >= 32),
  is_active boolean not null default true,
  last_error varchar(500),
  last_sent_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);

alter table slack_connections enable row level security;
alter table slack_connections force row level security;
create policy tenant_isolation on slack_connections using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());

-- A slash command arrives before the tenant is known: its route key names one active connection.
create or replace function app_resolve_slack_command(p_key text)
  returns table (tenant_id uuid, connection_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select c.tenant_id, c.id from slack_connections c
    where c.is_active and c.command_key = p_key
  $$;

-- n8n (issue 10, item 7): where POST /api/n8n/trigger/{workflow} forwards to — the tenant's n8n
-- instance, `{base_url}/webhook/{workflow}` — with an optional header n8n's Webhook node checks
-- (Header Auth), its value sealed like the Slack secrets. One per tenant.
create table n8n_connections (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  base_url varchar(2048) not null check (base_url ~ '^https?://'),
  auth_header_name varchar(100),
  auth_header_encrypted text,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);

alter table n8n_connections enable row level security;
alter table n8n_connections force row level security;
create policy tenant_isolation on n8n_connections using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
