-- "Atividades" (crm/agenda.ts) lists a person's done work latest first: this index serves that tab
-- without reading every completed row of the tenant. The open tabs use the due-date indexes of 0020.
-- System log lines are completed when written and never listed there, so they stay out of it.
create index if not exists activities_tenant_assignee_done_idx on activities (tenant_id, assigned_to, completed_at desc) where completed_at is not null and deleted_at is null and system_event is null;
