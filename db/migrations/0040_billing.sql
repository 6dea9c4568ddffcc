-- Billing: the operator bills its tenants through Stripe. The plan catalog and the meter catalog
-- are global (the operator's price list); a tenant's subscription, invoices and usage are its own.
-- Money is integer cents (BRL). Limits null = unlimited.

create table plans (
  id uuid primary key default gen_random_uuid(),
  -- Stable key: Stripe lookup keys are derived from it (vf_<code>_month, vf_<code>_year, …).
  code varchar(30) not null unique check (code ~ '^[a-z][a-z0-9_]{1,29}$'),
  name varchar(60) not null,
  description varchar(500) not null default '',
  currency char(3) not null default 'BRL' check (currency = 'BRL'),
  price_monthly_cents integer not null check (price_monthly_cents >= 0),
  price_yearly_cents integer not null check (price_yearly_cents >= 0),
  -- Price of one bot-processed message above the monthly limit (the metered overage price).
  overage_message_cents integer not null default 0 check (overage_message_cents >= 0),
  max_users integer check (max_users > 0),
  max_messages_month integer check (max_messages_month > 0),
  max_inboxes integer check (max_inboxes > 0),
  max_whatsapp_numbers integer check (max_whatsapp_numbers > 0),
  -- The bot keeps answering leads up to this much over the message limit, then hands new
  -- conversations to humans (never drops a lead).
  message_grace_percent integer not null default 10 check (message_grace_percent between 0 and 100),
  features jsonb not null default '[]' check (jsonb_typeof(features) = 'array'),
  sort_order integer not null default 0,
  is_active boolean not null default true,
  stripe_product_id varchar(255),
  stripe_monthly_price_id varchar(255),
  stripe_yearly_price_id varchar(255),
  stripe_overage_price_id varchar(255),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table plans is 'global: the operator''s plan catalog (prices, limits, Stripe ids), the same for every tenant';

-- The plans of the original plan (seed, Fase 4): Starter / Growth / Enterprise at BRL 299 / 799 /
-- 2,499 a month; yearly = ten months (two free). Enterprise is unlimited.
insert into plans (code, name, description, price_monthly_cents, price_yearly_cents, overage_message_cents,
                   max_users, max_messages_month, max_inboxes, max_whatsapp_numbers, features, sort_order) values
  ('starter', 'Starter', 'Para começar a qualificar leads no site e no WhatsApp.', 29900, 299000, 25,
   5, 1000, 1, 1, '["5 usuários", "1.000 mensagens/mês", "1 inbox", "1 número de WhatsApp"]', 1),
  ('growth', 'Growth', 'Para times de vendas com vários canais.', 79900, 799000, 15,
   15, 5000, 3, 3, '["15 usuários", "5.000 mensagens/mês", "3 inboxes", "3 números de WhatsApp"]', 2),
  ('enterprise', 'Enterprise', 'Sem limites, para operações grandes.', 249900, 2499000, 0,
   null, null, null, null, '["Usuários ilimitados", "Mensagens ilimitadas", "Inboxes ilimitados"]', 3);

-- Every billable kind of usage, by name. A domain that bills something new adds one row here (in
-- its own migration) and calls core/billing/usage.ts recordUsage with that name; `vf billing:sync`
-- creates the Stripe meter (event_name vf_<name>) and stores its id.
create table billing_meters (
  name varchar(60) primary key check (name ~ '^[a-z][a-z0-9_]{1,59}$'),
  display_name varchar(100) not null,
  stripe_meter_id varchar(255),
  created_at timestamptz not null default now()
);
comment on table billing_meters is 'global: the catalog of billable usage kinds and their Stripe meters';
insert into billing_meters (name, display_name) values ('bot_messages', 'Mensagens processadas pelo bot');

create table tenant_subscriptions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null unique references tenants(id) on delete cascade,
  plan_id uuid not null references plans(id),
  billing_interval varchar(5) not null default 'month' check (billing_interval in ('month', 'year')),
  -- Stripe's subscription statuses; 'trialing' without a Stripe subscription is our card-less trial.
  status varchar(20) not null check (status in ('trialing', 'active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'paused')),
  trial_ends_at timestamptz,
  stripe_customer_id varchar(255) unique,
  stripe_subscription_id varchar(255) unique,
  current_period_start timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  -- Set when the status first becomes past_due; the grace period runs from here.
  past_due_since timestamptz,
  canceled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table billing_invoices (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  stripe_invoice_id varchar(255) not null,
  number varchar(100),
  status varchar(20) not null check (status in ('draft', 'open', 'paid', 'uncollectible', 'void')),
  currency char(3) not null,
  amount_due_cents integer not null,
  amount_paid_cents integer not null,
  hosted_invoice_url varchar(2000),
  invoice_pdf varchar(2000),
  period_start timestamptz,
  period_end timestamptz,
  due_at timestamptz,
  paid_at timestamptz,
  -- When Stripe created the invoice (list order).
  issued_at timestamptz not null,
  updated_at timestamptz not null default now(),
  unique (tenant_id, stripe_invoice_id)
);
create index billing_invoices_tenant_issued_idx on billing_invoices (tenant_id, issued_at desc, id desc);

-- The usage ledger: one row per billable event, unique per source so a retried caller counts once.
create table usage_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  meter varchar(60) not null references billing_meters(name),
  -- Billing month in São Paulo time, 'YYYY-MM' (the Redis key and the quota period).
  period char(7) not null check (period ~ '^\d{4}-\d{2}$'),
  quantity integer not null check (quantity > 0),
  -- What was billed (message id, wamid…): the idempotency key of the caller.
  source_id varchar(255) not null,
  occurred_at timestamptz not null,
  -- Null until a report batch claims it.
  report_id uuid,
  created_at timestamptz not null default now(),
  unique (tenant_id, meter, source_id)
);
create index usage_events_tenant_unreported_idx on usage_events (tenant_id, meter, occurred_at) where report_id is null;

-- Running totals per tenant, meter and month: what quotas read (one row, in real time).
create table usage_totals (
  tenant_id uuid not null references tenants(id) on delete cascade,
  meter varchar(60) not null references billing_meters(name),
  period char(7) not null check (period ~ '^\d{4}-\d{2}$'),
  quantity bigint not null default 0 check (quantity >= 0),
  -- Warnings already sent this period (80, 100), so each goes out once.
  warned_percent integer not null default 0,
  primary key (tenant_id, meter, period)
);

-- One batch sent to a Stripe billing meter. The identifier is fixed when the batch is claimed, so
-- a job that dies after claiming and is retried sends the same identifier (Stripe dedupes it).
create table usage_reports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id) on delete cascade,
  meter varchar(60) not null references billing_meters(name),
  period char(7) not null,
  quantity bigint not null check (quantity > 0),
  identifier varchar(100) not null unique,
  -- The meter event timestamp (within Stripe's 35-day window when claimed).
  event_at timestamptz not null,
  stripe_customer_id varchar(255) not null,
  acknowledged_at timestamptz,
  last_error varchar(500),
  created_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create index usage_reports_tenant_pending_idx on usage_reports (tenant_id, created_at) where acknowledged_at is null;
alter table usage_events add constraint usage_events_report_fk foreign key (tenant_id, report_id) references usage_reports (tenant_id, id);

do $$
declare t text;
begin
  foreach t in array array['tenant_subscriptions', 'billing_invoices', 'usage_events', 'usage_totals', 'usage_reports'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())', t);
  end loop;
end $$;

-- Stripe events name a customer, not a tenant: the one cross-tenant question a webhook asks.
create or replace function app_tenant_for_stripe_customer(p_customer text)
  returns uuid
  language sql stable security definer set search_path = public
  as $$ select s.tenant_id from tenant_subscriptions s where s.stripe_customer_id = p_customer $$;

-- The usage report job and the operator console run across tenants: ids and figures only.
create or replace function app_tenants_with_unreported_usage(p_limit int)
  returns table (tenant_id uuid)
  language sql stable security definer set search_path = public
  as $$
    select distinct tenant_id from (
      select e.tenant_id from usage_events e where e.report_id is null
      union select r.tenant_id from usage_reports r where r.acknowledged_at is null
    ) x limit p_limit
  $$;

-- The operator console's billing list: per tenant its plan, status, MRR and this month's bot
-- messages (figures only, no tenant content).
create or replace function app_billing_overview(p_period text)
  returns table (tenant_id uuid, slug varchar, name varchar, plan_code varchar, status varchar, billing_interval varchar,
                 mrr_cents bigint, messages bigint, max_messages_month int, trial_ends_at timestamptz)
  language sql stable security definer set search_path = public
  as $$
    select t.id, t.slug, t.name, p.code, s.status, s.billing_interval,
           case when s.status in ('active', 'past_due') and s.stripe_subscription_id is not null
                then case s.billing_interval when 'year' then round(p.price_yearly_cents / 12.0)::bigint else p.price_monthly_cents::bigint end
                else 0 end,
           coalesce(u.quantity, 0), p.max_messages_month, s.trial_ends_at
    from tenants t
    left join tenant_subscriptions s on s.tenant_id = t.id
    left join plans p on p.id = s.plan_id
    left join usage_totals u on u.tenant_id = t.id and u.meter = 'bot_messages' and u.period = p_period
    order by t.slug
  $$;
