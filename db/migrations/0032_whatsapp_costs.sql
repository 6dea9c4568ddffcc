-- What a tenant's WhatsApp messages cost (issue 15, item 2). Meta charges per delivered message by
-- the category on its status webhook (messages.wa_pricing_category / wa_billable, 0031); the
-- operator keeps a BRL price table per category here, and the tenant's monthly report and the
-- billing meter multiply the billable counts by it. Prices are per 1,000 messages in integer
-- cents, since one message costs a fraction of a cent (utility ≈ R$ 0,04).

create table whatsapp_prices (
  category varchar(40) primary key check (category ~ '^[a-z_]{1,40}$'),
  per_thousand_cents integer not null check (per_thousand_cents between 0 and 10000000),
  updated_at timestamptz not null default now(),
  updated_by uuid references platform_operators(id) on delete set null
);
comment on table whatsapp_prices is 'global: the platform''s BRL rate card for Meta''s message categories, set by operators; holds no tenant data';

-- Starting rates: Meta's Brazil card in USD (marketing 0.0625, utility and authentication 0.0068)
-- at R$ 5,40; service messages start free and the operator sets their price when Meta publishes it.
insert into whatsapp_prices (category, per_thousand_cents) values
  ('marketing', 33750),
  ('utility', 3672),
  ('authentication', 3672),
  ('service', 0);

-- The monthly report groups a tenant's priced messages by month and category.
create index messages_tenant_category_idx on messages (tenant_id, wa_pricing_category, created_at) where wa_pricing_category is not null;
