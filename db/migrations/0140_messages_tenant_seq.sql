-- The agents' live feed reads the tenant's latest message (max(seq)) on every wake-up. With only
-- the global unique index on seq, that was a backward walk over every other tenant's newer messages
-- (checking each row's tenant under RLS) until one of this tenant's: cheap for a busy tenant, one
-- read of the whole table's tail for a quiet one among busy ones. Every other read of seq is
-- per conversation (messages_tenant_conversation_idx). The global index served nothing else, so it
-- is replaced, keeping one index write per message: seq stays unique by its identity.
create index messages_tenant_seq_idx on messages (tenant_id, seq);
alter table messages drop constraint messages_seq_key;
