-- Applied after every migration run (idempotent). "{{app_role}}" is the application's login role.
grant usage on schema public to "{{app_role}}";
grant select, insert, update, delete on all tables in schema public to "{{app_role}}";
grant usage, select on all sequences in schema public to "{{app_role}}";
-- The audit trail is append-only for the app.
revoke update, delete, truncate on audit_logs from "{{app_role}}";
-- The consent ledger is append-only too: a subject may be re-pointed (lead merge) and IP / user agent
-- erased (anonymisation); nothing else changes (0070's trigger guards the proof columns).
revoke update, delete, truncate on consents from "{{app_role}}";
grant update (lead_id, contact_id, ip, user_agent) on consents to "{{app_role}}";
-- Operators' changes to global catalogs are append-only too.
revoke update, delete, truncate on platform_audit_logs from "{{app_role}}";
-- Migration bookkeeping and operator credentials are not the app's to change.
revoke all on schema_migrations from "{{app_role}}";
revoke insert, update, delete on platform_operators from "{{app_role}}";
grant execute on all functions in schema public to "{{app_role}}";
