-- LGPD data subject requests (issue 12, art. 18/19): the tenant's privacy notice and encarregado
-- (DPO) contact, and the requests filed on its public page /privacidade. A request waits for the
-- one-time code sent to the e-mail on file (hash only, limited attempts), then gets its deadline
-- (15 days, art. 19 II, moved to the next business day) and goes through the admins' queue. Every
-- step is written to audit_logs.

create table privacy_settings (
  tenant_id uuid primary key references tenants(id) on delete cascade,
  dpo_name varchar(120) not null default '',
  dpo_email varchar(255) not null default '',
  dpo_phone varchar(30) not null default '',
  notice text not null default '' check (char_length(notice) <= 20000),
  updated_at timestamptz not null default now()
);

create table privacy_requests (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  protocol varchar(24) not null,
  kind varchar(20) not null check (kind in ('confirmation', 'access', 'correction', 'anonymisation', 'portability', 'sharing_info', 'revocation', 'automated_review')),
  status varchar(24) not null default 'awaiting_verification'
    check (status in ('awaiting_verification', 'open', 'in_progress', 'fulfilled', 'rejected', 'expired')),
  requester_name varchar(120) not null check (requester_name <> ''),
  requester_email varchar(255) not null check (requester_email <> ''),
  details varchar(2000) not null default '',
  lead_id uuid,
  contact_id uuid,
  code_hash varchar(64),
  code_expires_at timestamptz,
  attempts integer not null default 0 check (attempts >= 0),
  verified_at timestamptz,
  due_date date,
  reminded_at timestamptz,
  closed_at timestamptz,
  response varchar(5000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, protocol),
  foreign key (tenant_id, lead_id) references leads (tenant_id, id) on delete set null (lead_id),
  foreign key (tenant_id, contact_id) references contacts (tenant_id, id) on delete set null (contact_id),
  check (status = 'awaiting_verification' or status = 'expired' or (verified_at is not null and due_date is not null))
);
create index privacy_requests_tenant_queue_idx on privacy_requests (tenant_id, status, due_date);

do $$
declare t text;
begin
  foreach t in array array['privacy_settings', 'privacy_requests'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;
