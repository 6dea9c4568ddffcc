-- Saving the lead-score weights recomputed every lead in the request's transaction (hundreds of
-- thousands of statements and a lock on every lead for a large tenant). Now the save bumps the
-- generation and /api/jobs/lead-score-recompute walks the leads by id in batches: a run whose
-- generation is no longer the stored one stops, and the cursor is the last lead id done.
alter table lead_score_settings
  add column recompute_generation integer not null default 0,
  add column recompute_cursor uuid,
  add column recompute_done integer not null default 0 check (recompute_done >= 0),
  add column recompute_total integer not null default 0 check (recompute_total >= 0),
  add column recompute_finished_at timestamptz;
