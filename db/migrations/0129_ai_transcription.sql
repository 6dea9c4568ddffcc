-- Voice notes transcribed by the AI layer (docs/bot-understanding.md, "Voice notes"): a
-- transcription is logged in ai_calls like any model call, with its own purpose. Its outcomes
-- ('transcribed', 'too_long', or a failure) live in the same free-text outcome column.
alter table ai_calls drop constraint ai_calls_purpose_check;
alter table ai_calls add constraint ai_calls_purpose_check check (purpose in ('classify', 'summary', 'transcribe'));
