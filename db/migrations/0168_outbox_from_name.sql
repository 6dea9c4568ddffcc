-- The dev outbox shows who a mail is from: a workspace's mails go out under its name (EmailMessage.fromName,
-- as tenants.name), the platform's under EMAIL_FROM (null here).
alter table email_outbox add column from_name varchar(255);
