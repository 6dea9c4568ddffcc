-- CRM sync (issue 10, item 8): a tenant's leads and deals kept in step with its Pipedrive or HubSpot
-- account. One connection per provider per tenant, its credentials sealed with the credentials
-- keyring (inboxes/credentials.ts); the link between our row and the remote object; and the outbox
-- of local changes still to push (filled by triggers, so every write path is caught).
create table crm_sync_connections (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  provider varchar(20) not null check (provider in ('pipedrive', 'hubspot')),
  -- Pipedrive { apiToken, webhookPassword }; HubSpot { accessToken, refreshToken, expiresAt }.
  credentials_encrypted text not null,
  -- The remote account (Pipedrive company id / HubSpot portal id) and its name, for the settings card.
  account_id varchar(64),
  account_name varchar(255) not null default '',
  -- Pipedrive: the company's API base (https://acme.pipedrive.com); null = the provider's default.
  api_base varchar(2048) check (api_base ~ '^https?://'),
  -- Inbound webhooks: /api/webhooks/crm/{provider}/{webhook_key}; Pipedrive's Basic auth user.
  webhook_key varchar(64) not null unique check (char_length(webhook_key) >= 32),
  webhook_user varchar(64) not null default '',
  -- Which fields sync and the stage pairs (validators/crm-sync.ts crmFieldMapping).
  field_mapping jsonb not null default '{}' check (jsonb_typeof(field_mapping) = 'object'),
  -- Scheduled pulls read changes after these remote update times.
  pull_cursor_contacts timestamptz,
  pull_cursor_deals timestamptz,
  is_active boolean not null default true,
  last_push_at timestamptz,
  -- One push run at a time per connection (two would create the same remote object twice).
  push_lease_until timestamptz,
  last_pull_at timestamptz,
  last_error varchar(500),
  last_error_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, provider),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);

-- Our lead / deal and the remote object it is, per connection, with the versions both sides had
-- when they were last in step: an echo (our own push coming back) carries remote_version; a local
-- change since then has updated_at > local_version.
create table crm_sync_links (
  tenant_id uuid not null references tenants(id) on delete cascade,
  connection_id uuid not null,
  entity_type varchar(10) not null check (entity_type in ('lead', 'deal')),
  local_id uuid not null,
  remote_id varchar(64) not null,
  remote_version varchar(64) not null default '',
  -- The remote update time of that version: an older delivery arriving late is stale.
  remote_updated_at timestamptz,
  local_version timestamptz,
  synced_at timestamptz not null default now(),
  primary key (connection_id, entity_type, local_id),
  unique (connection_id, entity_type, remote_id),
  foreign key (tenant_id, connection_id) references crm_sync_connections (tenant_id, id) on delete cascade
);
create index crm_sync_links_tenant_idx on crm_sync_links (tenant_id, entity_type, local_id);

-- Local changes to push (one row per record, however often it changed); removed once pushed.
create table crm_sync_outbox (
  tenant_id uuid not null references tenants(id) on delete cascade,
  connection_id uuid not null,
  entity_type varchar(10) not null check (entity_type in ('lead', 'deal')),
  entity_id uuid not null,
  -- Milliseconds, as the push run reads it back to drop exactly the version it pushed.
  queued_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  last_error varchar(500),
  primary key (connection_id, entity_type, entity_id),
  foreign key (tenant_id, connection_id) references crm_sync_connections (tenant_id, id) on delete cascade
);
create index crm_sync_outbox_tenant_idx on crm_sync_outbox (tenant_id, connection_id, queued_at);

do $$
declare t text;
begin
  foreach t in array array['crm_sync_connections', 'crm_sync_links', 'crm_sync_outbox'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;

-- Capture: a lead's or deal's synced fields changed → queued for every active connection of its
-- tenant. A change the sync itself applies runs with app.crm_sync_origin = 'sync' (transaction-local)
-- and is not queued, so a pulled change never echoes back. Plain trigger: runs as the writer, under RLS.
create or replace function app_crm_sync_capture() returns trigger
  language plpgsql as $$
begin
  if coalesce(current_setting('app.crm_sync_origin', true), '') = 'sync' then
    return null;
  end if;
  insert into crm_sync_outbox (tenant_id, connection_id, entity_type, entity_id)
    select NEW.tenant_id, c.id, TG_ARGV[0], NEW.id from crm_sync_connections c
    where c.tenant_id = NEW.tenant_id and c.is_active
  on conflict (connection_id, entity_type, entity_id)
    do update set queued_at = excluded.queued_at, attempts = 0, next_attempt_at = null;
  return null;
end $$;

create trigger leads_crm_sync_insert after insert on leads
  for each row execute function app_crm_sync_capture('lead');
create trigger leads_crm_sync_update after update of name, email, phone, company on leads
  for each row when (OLD.name is distinct from NEW.name or OLD.email is distinct from NEW.email or OLD.phone is distinct from NEW.phone or OLD.company is distinct from NEW.company)
  execute function app_crm_sync_capture('lead');
create trigger deals_crm_sync_insert after insert on deals
  for each row execute function app_crm_sync_capture('deal');
create trigger deals_crm_sync_update after update of title, value_cents, stage_id, status on deals
  for each row when (OLD.title is distinct from NEW.title or OLD.value_cents is distinct from NEW.value_cents or OLD.stage_id is distinct from NEW.stage_id or OLD.status is distinct from NEW.status)
  execute function app_crm_sync_capture('deal');

-- An inbound webhook arrives before the tenant is known: its route key names one active connection.
create or replace function app_resolve_crm_sync_webhook(p_provider text, p_key text)
  returns table (tenant_id uuid, connection_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select c.tenant_id, c.id from crm_sync_connections c
    where c.is_active and c.provider = p_provider and c.webhook_key = p_key
  $$;
