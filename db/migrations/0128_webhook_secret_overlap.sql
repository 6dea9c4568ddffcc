-- Rotating a webhook signing secret without breaking the receiver (issue 10): the previous secret
-- keeps signing beside the new one (two signatures in webhook-signature, as Standard Webhooks
-- allows) until it expires, 24 hours after the rotation, or an admin revokes it (a leaked secret).
alter table webhook_subscriptions
  add column previous_secret_encrypted text,
  add column previous_secret_expires_at timestamptz,
  add constraint webhook_subscriptions_previous_secret_pair check ((previous_secret_encrypted is null) = (previous_secret_expires_at is null));
