-- A user changes their own e-mail (Meu perfil): the new address gets a single-use link (kind
-- 'change_email', the address it confirms in new_email), and the e-mail changes only when that
-- link is opened, so nobody moves an account to a mailbox they do not control.

alter table auth_tokens add column new_email varchar(255);
alter table auth_tokens drop constraint auth_tokens_kind_check;
alter table auth_tokens add constraint auth_tokens_kind_check check (kind in ('verify_email', 'reset_password', 'invite', 'change_email'));
alter table auth_tokens add constraint auth_tokens_new_email_check check ((kind = 'change_email') = (new_email is not null));
