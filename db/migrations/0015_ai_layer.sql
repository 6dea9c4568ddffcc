-- The optional AI layer (issue 7): per-tenant switch and monthly budget, a log of every model
-- call, and a monthly usage counter the billing domain can meter. All tenant-owned, RLS forced.
-- No lead text is stored here: the log keeps what was decided, not what the lead typed.

create table ai_settings (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  -- The tenant's own switch (admins, settings page). Off until they turn it on.
  enabled boolean not null default false,
  -- Tokens (input + output) a calendar month may spend; past it the bot reads with rules only.
  monthly_token_cap integer not null default 200000 check (monthly_token_cap between 0 and 100000000),
  -- The platform operator's kill switch for this tenant: wins over `enabled`.
  operator_blocked boolean not null default false,
  operator_note varchar(200),
  updated_at timestamptz not null default now()
);

-- The composite key ai_calls points at (FK checks bypass RLS, so a call can never name another
-- tenant's conversation).
create unique index if not exists conversations_tenant_id_id_uq on conversations (tenant_id, id);

create table ai_calls (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  conversation_id uuid,
  -- 'classify' (an answer the rules could not read) or 'summary' (the handoff note).
  purpose varchar(20) not null check (purpose in ('classify', 'summary')),
  step_id varchar(64),
  provider varchar(40) not null,
  model varchar(100) not null,
  prompt_version varchar(40) not null,
  latency_ms integer not null check (latency_ms >= 0),
  input_tokens integer not null default 0 check (input_tokens >= 0),
  output_tokens integer not null default 0 check (output_tokens >= 0),
  -- accepted | below_threshold | no_choice | unsupported | invalid_choice | summarized
  -- | timeout | rate_limited | malformed | provider_error
  outcome varchar(30) not null,
  -- The option id or intent the model chose, and how sure it said it was.
  choice varchar(100),
  confidence numeric(4, 3) check (confidence between 0 and 1),
  created_at timestamptz not null default now(),
  foreign key (tenant_id, conversation_id) references conversations (tenant_id, id) on delete cascade
);
create index ai_calls_tenant_created_idx on ai_calls (tenant_id, created_at desc);

-- One row per tenant and calendar month (America/Sao_Paulo), incremented with every call.
create table ai_usage_monthly (
  tenant_id uuid not null references tenants(id) on delete cascade,
  month date not null check (extract(day from month) = 1),
  calls integer not null default 0 check (calls >= 0),
  input_tokens bigint not null default 0 check (input_tokens >= 0),
  output_tokens bigint not null default 0 check (output_tokens >= 0),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, month)
);

do $$
declare t text;
begin
  foreach t in array array['ai_settings', 'ai_calls', 'ai_usage_monthly'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;
