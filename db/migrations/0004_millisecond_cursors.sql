-- conversations.last_message_at orders the conversation lists and is their keyset cursor: keep it at
-- millisecond precision (what JavaScript dates hold) so a cursor matches its row exactly.
alter table conversations alter column last_message_at set default date_trunc('milliseconds', clock_timestamp());
update conversations set last_message_at = date_trunc('milliseconds', last_message_at) where last_message_at <> date_trunc('milliseconds', last_message_at);
