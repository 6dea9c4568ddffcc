-- The lookups 0139 left behind, made index conditions the same way: a stored lower-cased copy
-- compared with `=` (leakproof), since under RLS `lower(col) = $1` is applied after the tenant
-- policy and never as an index condition (and none of these three had an index to use anyway).
-- The app lower-cases the input in JS and compares `<key> = <input>`; lint refuses lower(col) in core.

-- A privacy request by WhatsApp username (core/privacy/requests.ts) read all the tenant's leads.
-- Anonymising (wa_username = null) clears the key with it; exports leave it out (privacy/export.ts).
alter table leads add column wa_username_key text generated always as (lower(wa_username)) stored;
create index leads_tenant_wa_username_key_idx on leads (tenant_id, wa_username_key) where wa_username_key is not null;

-- Converting a lead with no company domain finds its company by name (core/crm/convert-lead.ts);
-- that lookup always skips deleted companies, so the index does too.
alter table companies add column name_key text generated always as (lower(name)) stored not null;
create index companies_tenant_name_key_idx on companies (tenant_id, name_key) where deleted_at is null;

-- The dev outbox is global (no tenant_id policy: the workspace finder's mails span tenants).
-- Anonymising a subject deletes its tenant's mails to the subject's address, and the privacy
-- export reads them the same way (core/privacy/anonymise.ts, registry.ts: always with the
-- tenant, never another tenant's mails to the same address). Deleting a row takes its key with
-- it; exports leave the key out.
alter table email_outbox add column to_address_key text generated always as (lower(to_address)) stored not null;
create index email_outbox_tenant_to_address_key_idx on email_outbox (tenant_id, to_address_key);
