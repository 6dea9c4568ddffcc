-- The lead page names the leads flagged as its duplicates (possible_duplicate_of = this lead) to
-- offer their merge, and deleting a lead (a merge, an erasure) sets that column to null on the
-- leads pointing at it: both read this index instead of scanning the table.
create index if not exists leads_tenant_possible_duplicate_idx on leads (tenant_id, possible_duplicate_of) where possible_duplicate_of is not null;
