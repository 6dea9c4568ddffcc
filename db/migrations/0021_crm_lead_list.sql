-- Lead list: pt-BR search over name / e-mail / phone / company (accents and case ignored, see
-- app_search_doc in 0020), the score sort's keyset index, and custom field filters (jsonb @>).
alter table leads
  add column search tsvector generated always as (
    app_search_doc(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(company, ''))
  ) stored;
create index leads_search_idx on leads using gin (search);
-- Keyset pages read these backwards: (created_at, id) < (cursor) and (bant_score, created_at, id) <
-- (cursor) are index conditions only on ascending columns in the same order.
create index leads_tenant_created_id_idx on leads (tenant_id, created_at, id);
create index leads_tenant_score_idx on leads (tenant_id, bant_score, created_at, id);
create index leads_tenant_tags_idx on leads using gin (tags);
create index leads_custom_fields_idx on leads using gin (custom_fields jsonb_path_ops);
create index deals_custom_fields_idx on deals using gin (custom_fields jsonb_path_ops);
-- The lead list pages on (created_at, id): keep created_at at millisecond precision, like the other
-- keyset columns (0004), so a cursor that went through a JavaScript date matches its row exactly.
alter table leads alter column created_at set default date_trunc('milliseconds', clock_timestamp());
update leads set created_at = date_trunc('milliseconds', created_at) where created_at <> date_trunc('milliseconds', created_at);
