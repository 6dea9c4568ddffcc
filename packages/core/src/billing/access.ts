import { PAST_DUE_GRACE_DAYS, type AccessLevel, type SubscriptionStatus } from "@vendaflow/validators/billing";

export interface AccessInput {
  status: SubscriptionStatus;
  trialEndsAt: Date | null;
  pastDueSince: Date | null;
  /** Trialing with a Stripe subscription: Stripe ends the trial itself. */
  hasStripeSubscription: boolean;
}

export interface Access {
  level: AccessLevel;
  /** Shown as a banner: why access is limited or about to be. */
  reason: "ok" | "trial_ending" | "trial_expired" | "past_due" | "grace_over" | "unpaid" | "canceled" | "incomplete";
  /** End of the trial or of the grace period, when one is running. */
  until: Date | null;
}

const DAY = 86_400_000;

/**
 * Status drives access: trialing and active are full; past_due keeps full access for a 7-day grace
 * (banner + mails) and then turns read-only; unpaid, canceled and incomplete are read-only with
 * nothing deleted. A card-less trial past its end is read-only until the tenant subscribes.
 */
export function accessFor(s: AccessInput, now: Date): Access {
  switch (s.status) {
    case "trialing": {
      if (!s.hasStripeSubscription && s.trialEndsAt && s.trialEndsAt <= now) return { level: "read_only", reason: "trial_expired", until: s.trialEndsAt };
      const ending = s.trialEndsAt && s.trialEndsAt.getTime() - now.getTime() <= 3 * DAY;
      return { level: "full", reason: ending ? "trial_ending" : "ok", until: s.trialEndsAt };
    }
    case "active":
      return { level: "full", reason: "ok", until: null };
    case "past_due": {
      const until = new Date((s.pastDueSince ?? now).getTime() + PAST_DUE_GRACE_DAYS * DAY);
      return until > now ? { level: "grace", reason: "past_due", until } : { level: "read_only", reason: "grace_over", until };
    }
    case "unpaid":
    case "paused":
      return { level: "read_only", reason: "unpaid", until: null };
    case "canceled":
      return { level: "read_only", reason: "canceled", until: null };
    default:
      return { level: "read_only", reason: "incomplete", until: null };
  }
}
