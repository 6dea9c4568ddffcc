-- API keys per tenant (issue 10): shown once, stored as a SHA-256 of the whole key (keys are 256-bit
-- random, so a fast hash is enough), found by their public prefix. Scopes are read / write per
-- domain; a revoked key stays for the audit trail. Calls made with a key are audited with the key
-- as actor (audit_logs.actor_api_key_id).
create table api_keys (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  name varchar(80) not null check (name <> ''),
  -- "vfk_" + 12 characters: shown in lists, looked up on every call.
  prefix varchar(16) not null,
  key_hash bytea not null check (octet_length(key_hash) = 32),
  scopes text[] not null check (
    cardinality(scopes) between 1 and 10 and
    scopes <@ array['leads:read', 'leads:write', 'deals:read', 'deals:write', 'conversations:read', 'conversations:write',
                    'webhooks:read', 'webhooks:write', 'analytics:read', 'analytics:write']),
  created_by uuid,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  last_used_ip varchar(64),
  revoked_at timestamptz,
  revoked_by uuid,
  unique (tenant_id, id),
  unique (prefix),
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by),
  foreign key (tenant_id, revoked_by) references users (tenant_id, id) on delete set null (revoked_by)
);
create index api_keys_tenant_idx on api_keys (tenant_id, created_at desc);

alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy tenant_isolation on api_keys using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());

alter table audit_logs add column actor_api_key_id uuid;
alter table audit_logs add constraint audit_logs_api_key_fk foreign key (tenant_id, actor_api_key_id) references api_keys (tenant_id, id);
