-- tenants.subscription_status and tenants.subscription_ends_at (0001) were never kept up to date:
-- nothing wrote them after the tenant's insert, so every workspace read "trial" with no end. A
-- subscription's plan, status and periods live in billing's tenant_subscriptions (0040), the one
-- record of it that access, quotas and the operator console read. No view, function, policy, index
-- or grant names either column.
alter table tenants
  drop column subscription_status,
  drop column subscription_ends_at;
