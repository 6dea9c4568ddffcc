-- Indexes for reads that scanned a whole tenant (or every tenant) once the tables grew. Each names
-- the read it serves.

-- Conversas and the agent inbox with no status filter ("Todas"): latest first, keyset on
-- (last_message_at, id). conversations_tenant_status_idx serves one status at a time only, so the
-- default tab sorted every conversation of the tenant on each load and each realtime refetch.
create index if not exists conversations_tenant_latest_idx on conversations (tenant_id, last_message_at desc, id desc);

-- A company's leads: recomputing their scores when the company changes, the company timeline and the
-- foreign key's "on delete set null" read leads by company_id, which had no index (0020).
create index if not exists leads_tenant_company_idx on leads (tenant_id, company_id) where company_id is not null;

-- The operator console's overview sums this month's bot messages of every tenant
-- (app_billing_overview, 0050): every other index of the ledger starts with tenant_id, so it read the
-- whole ledger, all months. Index-only with this one.
create index if not exists usage_events_meter_period_idx on usage_events (meter, period, tenant_id) include (quantity);

-- Atividades, "Concluídas" for the whole team (an admin's or viewer's view): latest first. 0154
-- serves one person's; this one the team's.
create index if not exists activities_tenant_done_idx on activities (tenant_id, completed_at desc) where completed_at is not null and deleted_at is null and system_event is null;
