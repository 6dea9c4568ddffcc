-- Indexes that repeat another index of the same table: every write kept both up to date for
-- nothing. conversations is rewritten on every message (its times change), so its second
-- (tenant_id, id) index cost one more index entry per message. Kept: the index the foreign keys
-- reference (conversations_tenant_id_id_uq) and the unique constraints' indexes; a btree is read
-- backwards as well as forwards, so (tenant_id, flow_key, version) also serves "latest version
-- first". tests/integration/schema-indexes checks that no table has two such indexes.
drop index if exists conversations_tenant_id_uq;
drop index if exists chatwoot_conversations_conversation;
drop index if exists qualification_flows_tenant_idx;
