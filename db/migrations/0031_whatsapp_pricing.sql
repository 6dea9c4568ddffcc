-- Meta charges per delivered message by category (marketing, utility, authentication, service —
-- service and in-window utility messages too from 2026-10-01) and says so on each status webhook
-- (`pricing`: category, billable). Kept on the outbound message it belongs to: the tenant's
-- monthly WhatsApp report counts them and billing passes the cost through.

alter table messages
  add column wa_pricing_category varchar(40) check (wa_pricing_category ~ '^[a-z_]{1,40}$'),
  add column wa_billable boolean;
create index messages_tenant_priced_idx on messages (tenant_id, created_at) where wa_pricing_category is not null;
