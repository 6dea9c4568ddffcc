-- The agents' live feed reads the tenant's latest message on every wake-up. With only the global
-- unique index on seq, that was a backward walk over every other tenant's newer messages (checking
-- each row's tenant under RLS) until one of this tenant's: cheap for a busy tenant, one read of the
-- table's tail for a quiet one among busy ones. Every other read of seq is per conversation
-- (messages_tenant_conversation_idx), so the global index served nothing else and is replaced,
-- keeping one index write per message (seq stays unique by its identity).
--
-- The new index is on -seq, and the feed asks `order by -seq limit 1`, on purpose: an index that
-- yields a tenant's messages in seq order tempts the planner, whenever its statistics promise few
-- rows (a table growing faster than autovacuum analyses it), to read a conversation's messages
-- `where conversation_id = … and seq > … order by seq` by walking the whole tenant in seq order and
-- testing each row. That happened in the bench with a (tenant_id, seq) index (8-10 ms per widget
-- stream read, 1,000 rows each); no query but the feed's orders by -seq.
create index messages_tenant_latest_idx on messages (tenant_id, (-seq));
alter table messages drop constraint messages_seq_key;
