-- The record timeline (core/crm/timeline.ts) reads a record's audit rows newest first.
create index audit_logs_tenant_entity_idx on audit_logs (tenant_id, entity_type, entity_id, created_at desc) where entity_id is not null;
