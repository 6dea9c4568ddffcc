-- Two-factor sign-in (TOTP) for platform operators, the most privileged accounts (they open any
-- tenant read-only). Same shape as 0148's user_two_factor / user_recovery_codes, on global tables
-- like platform_operators itself: the secret sealed with the keyring (rekey covers
-- secret_encrypted), pending until a first code (enabled_at), the last accepted time step (no
-- replay), and single-use recovery codes stored as sha256 only. Unlike platform_operators (whose
-- credentials the app may not change, db/grants.sql), these rows are the app's: the operator
-- enrols, turns it off and makes new recovery codes from the console.
create table platform_operator_two_factor (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null unique references platform_operators(id) on delete cascade,
  -- { secret } (base32), encryptCredentials
  secret_encrypted text not null,
  enabled_at timestamptz,
  last_used_step bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table platform_operator_two_factor is 'global: platform operators'' TOTP secrets (sealed), not tenant data';

create table platform_operator_recovery_codes (
  id uuid primary key default gen_random_uuid(),
  operator_id uuid not null references platform_operators(id) on delete cascade,
  code_hash varchar(64) not null check (code_hash ~ '^[0-9a-f]{64}$'),
  used_at timestamptz,
  created_at timestamptz not null default now(),
  unique (operator_id, code_hash)
);
comment on table platform_operator_recovery_codes is 'global: platform operators'' two-factor recovery codes (sha256), not tenant data';

-- Turning the second factor on or off ends the operator's other sessions: found by operator.
create index platform_sessions_operator_live_idx on platform_sessions (operator_id) where revoked_at is null;

comment on table platform_audit_logs is 'global: operators'' changes to global catalogs (plans) and to their own second factor; no tenant data';
