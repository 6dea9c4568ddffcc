// Where "Carga da equipe" sends a manager in the inbox: each link lists exactly the conversations
// the number beside it counts (core/analytics/team-load.ts), so the two never disagree.

import { inboxHref } from "./inbox-filters";

/**
 * An agent's "Em aberto": assigned to them, pending or open (status=active). Never with the page's
 * team: that count is the agent's whole load across teams (capacity counts every team), so a team
 * filter would list fewer than the number the link sits next to.
 */
export const agentInboxHref = (userId: string) => inboxHref({ status: "active", assignee: userId });

/** A deactivated person's conversations still held (pending or open), within the page's team when one is picked. */
export const inactiveInboxHref = (userId: string, teamId: string) => inboxHref({ status: "active", assignee: userId, teamId });

/** The queue: pending with nobody assigned, within the page's team when one is picked. */
export const queueInboxHref = (teamId: string) => inboxHref({ status: "pending", assignee: "none", teamId });
