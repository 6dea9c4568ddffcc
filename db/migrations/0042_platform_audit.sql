-- What platform operators change in global catalogs (plans first, issue 11): one append-only row
-- per change, with who, from where, and the row before and after. Tenant changes keep audit_logs.
create table platform_audit_logs (
  id uuid primary key default gen_random_uuid(),
  actor_operator_id uuid references platform_operators(id) on delete set null,
  action varchar(100) not null,
  entity_type varchar(50) not null,
  entity_id varchar(100),
  before jsonb,
  after jsonb,
  ip varchar(64),
  user_agent text,
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
);
comment on table platform_audit_logs is 'global: operators'' changes to global catalogs (plans); no tenant data';
create index platform_audit_logs_created_idx on platform_audit_logs (created_at desc, id desc);
create index platform_audit_logs_entity_idx on platform_audit_logs (entity_type, entity_id, created_at desc);
