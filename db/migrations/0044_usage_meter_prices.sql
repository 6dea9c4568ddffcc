-- Stripe prices for the usage meters billed at a flat rate per unit (issue 11: the tenant sees and
-- pays its WhatsApp cost). unit_amount_cents is what one unit costs the tenant, in BRL cents; null =
-- not billed on its own (bot_messages is billed through each plan's overage price instead).
-- `pnpm billing:sync` creates one monthly metered price per priced meter (lookup key
-- vf_meter_<name>_month, on the product vf_usage), stores its id here, and Checkout attaches every
-- one of them to monthly subscriptions. The figures below are starting resale prices per message
-- near Meta's Brazil rates; the operator sets its own and re-runs the sync (a changed amount becomes
-- a new price that takes over the lookup key).
alter table billing_meters
  add column unit_amount_cents integer check (unit_amount_cents > 0),
  add column stripe_price_id varchar(255);

update billing_meters set unit_amount_cents = case name
  when 'whatsapp_marketing' then 35
  when 'whatsapp_utility' then 4
  when 'whatsapp_authentication' then 4
  when 'whatsapp_service' then 4
  when 'whatsapp_other' then 4
end
where name like 'whatsapp\_%';
