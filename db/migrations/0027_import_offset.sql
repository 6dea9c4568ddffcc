-- The import job's cursor as a position in the text as well as a row count: each chunk parses from
-- where the last one stopped instead of the whole file again (UTF-16 code units, as the job reads
-- the content; 0 = the first data row is found by skipping the header).
alter table lead_imports add column content_offset integer not null default 0 check (content_offset >= 0);
