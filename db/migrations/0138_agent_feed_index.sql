-- The agents' live feed (core/conversations/agent-feed.ts) reads the tenant's latest conversation
-- change on every wake-up; without an index that was a scan of all the tenant's conversations
-- (about 10 ms with 6,000 of them on the bench machine, growing with the tenant). With this one it
-- is a backward index lookup. max(seq) of messages already has the seq index.
create index conversations_tenant_updated_idx on conversations (tenant_id, updated_at);
