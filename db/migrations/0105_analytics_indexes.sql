-- Analytics (dashboard cockpit): indexes for the dashboard's queries, which read the live tables
-- (docs/analytics.md says why no rollup). Each is led by tenant_id like every tenant index.
-- Plain CREATE INDEX (the runner applies a file in one transaction): on a large production table
-- build them first with CREATE INDEX CONCURRENTLY under the same names, then this file is a no-op.

-- Volume by hour of day: an index-only scan of one tenant's messages in a date range.
create index if not exists messages_tenant_created_idx on messages (tenant_id, created_at) include (sender, conversation_id);

-- Bot funnel, monthly rates, agent performance: conversations started in a date range.
create index if not exists conversations_tenant_created_idx on conversations (tenant_id, created_at);

-- "Which conversations were qualified / handed off / resolved (and when)": index-only semi-joins.
create index if not exists conversation_events_tenant_kind_idx on conversation_events (tenant_id, kind, conversation_id, created_at);

-- Close rates and revenue by month: deals won or lost in a date range.
create index if not exists deals_tenant_won_idx on deals (tenant_id, won_at) where won_at is not null and deleted_at is null;
create index if not exists deals_tenant_lost_idx on deals (tenant_id, lost_at) where lost_at is not null and deleted_at is null;
