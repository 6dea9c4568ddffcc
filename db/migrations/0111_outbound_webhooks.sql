-- Outbound webhooks (issue 10): a tenant's subscriptions to event types, each with its own signing
-- secret (Standard Webhooks "whsec_…", stored encrypted: we must sign with it), and one delivery row
-- per event and subscription, retried with exponential backoff for 24 h. Every attempt is logged
-- with its response code and latency. A subscription that keeps failing is disabled.
create table webhook_subscriptions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  url varchar(2048) not null check (url ~ '^https?://'),
  description varchar(200) not null default '',
  event_types text[] not null check (cardinality(event_types) between 1 and 20),
  secret_encrypted text not null,
  is_active boolean not null default true,
  -- Deliveries that failed for good in a row; reset by a success. Past the limit: disabled.
  consecutive_failures integer not null default 0,
  disabled_at timestamptz,
  disabled_reason varchar(300),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index webhook_subscriptions_tenant_idx on webhook_subscriptions (tenant_id, created_at desc);

create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  subscription_id uuid not null,
  -- The Standard Webhooks message id ("msg_…"): the same on every retry and replay, so receivers dedupe.
  message_id varchar(40) not null,
  event_type varchar(60) not null,
  payload jsonb not null,
  status varchar(10) not null default 'pending' check (status in ('pending', 'retrying', 'succeeded', 'failed')),
  attempts integer not null default 0,
  -- The 24-hour retry window and the attempts made in it (a manual replay opens a new one).
  window_started_at timestamptz not null default now(),
  window_attempts integer not null default 0,
  next_attempt_at timestamptz,
  last_status_code integer,
  last_latency_ms integer,
  last_error varchar(500),
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  delivered_at timestamptz,
  unique (tenant_id, id),
  foreign key (tenant_id, subscription_id) references webhook_subscriptions (tenant_id, id) on delete cascade
);
create index webhook_deliveries_subscription_idx on webhook_deliveries (tenant_id, subscription_id, created_at desc, id desc);

create table webhook_delivery_attempts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  delivery_id uuid not null,
  attempt integer not null,
  status_code integer,
  latency_ms integer not null,
  error varchar(500),
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  foreign key (tenant_id, delivery_id) references webhook_deliveries (tenant_id, id) on delete cascade
);
create index webhook_delivery_attempts_delivery_idx on webhook_delivery_attempts (tenant_id, delivery_id, attempt);

do $$
declare t text;
begin
  foreach t in array array['webhook_subscriptions', 'webhook_deliveries', 'webhook_delivery_attempts'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;
