-- Idempotency for every inbound webhook that is not a conversation message (Stripe, Calendly,
-- Cal.com, Slack, HubSpot…): one row per (provider, provider event id) a tenant has received,
-- written by core/webhooks/receive-once.ts in the same transaction as the event's effects, so a
-- retried delivery changes nothing and a failed one leaves no receipt behind (the provider retries).
-- Conversation messages keep inbound_events, which is also the bot's work queue.
-- Tenant-owned: the handler resolves the tenant (URL key or the provider's account id) first.

create table webhook_receipts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  -- e.g. 'stripe', 'calendly', 'calcom', 'slack', 'hubspot'
  provider varchar(30) not null,
  -- The provider's own id for the delivery (Stripe evt_…, Slack event_id…); unique per tenant.
  provider_event_id varchar(255) not null,
  event_type varchar(100) not null,
  received_at timestamptz not null default now(),
  unique (tenant_id, provider, provider_event_id)
);
create index webhook_receipts_tenant_received_idx on webhook_receipts (tenant_id, received_at);

alter table webhook_receipts enable row level security;
alter table webhook_receipts force row level security;
create policy tenant_isolation on webhook_receipts using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
