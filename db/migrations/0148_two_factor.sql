-- Two-factor sign-in (TOTP, RFC 6238) for tenant users. One row per user: the shared secret
-- sealed with the keyring like the other stored secrets (rekey covers secret_encrypted), pending
-- until the user proves their app with a first code (enabled_at), and the last time step a code
-- was accepted for, so a code seen over a shoulder cannot be replayed within its window.
create table user_two_factor (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null,
  -- { secret } (base32), encryptCredentials
  secret_encrypted text not null,
  enabled_at timestamptz,
  last_used_step bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

-- Single-use recovery codes (when the phone is lost): only their sha256 is stored; a new set
-- replaces the old one.
create table user_recovery_codes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  user_id uuid not null,
  code_hash varchar(64) not null check (code_hash ~ '^[0-9a-f]{64}$'),
  used_at timestamptz,
  created_at timestamptz not null default now(),
  unique (tenant_id, user_id, code_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

alter table user_two_factor enable row level security;
alter table user_two_factor force row level security;
create policy tenant_isolation on user_two_factor using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
alter table user_recovery_codes enable row level security;
alter table user_recovery_codes force row level security;
create policy tenant_isolation on user_recovery_codes using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
