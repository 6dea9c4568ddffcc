import type { Availability, Distribution } from "@vendaflow/validators/routing";
import { containsPhrase, matchKey } from "../bot/normalize";

/** One team member as seen under the routing locks. */
export interface AgentCandidate {
  userId: string;
  /** team_members.position: the round-robin order. */
  position: number;
  availability: Availability;
  capacity: number;
  /** Conversations assigned to the agent in pending + open (across all teams). */
  openCount: number;
  skills: readonly string[];
}

/** What skill-based routing compares with the agents' skills. */
export interface LeadProfile {
  /** The lead's answer to the "need" question (free text). */
  needText: string | null;
  tags: readonly string[];
}

export interface PickOptions {
  /** Never pick these (the SLA re-route excludes the agent who missed it). */
  exclude?: readonly string[];
  lead?: LeadProfile;
}

export interface Pick {
  userId: string;
  position: number;
  /** Skill-based only: how many of the agent's skills matched. */
  skillScore?: number;
}

/** Online, below capacity and not excluded. Offline and away agents are skipped. */
export function canTakeMore(c: AgentCandidate, exclude: readonly string[] = []): boolean {
  return c.availability === "online" && c.openCount < c.capacity && !exclude.includes(c.userId);
}

/** Members in turn order: by position, starting with the first one after `lastPosition`, wrapping. */
export function turnOrder(candidates: readonly AgentCandidate[], lastPosition: number | null): AgentCandidate[] {
  const sorted = [...candidates].sort((a, b) => a.position - b.position || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  if (lastPosition === null) return sorted;
  const next = sorted.findIndex((c) => c.position > lastPosition);
  return next <= 0 ? sorted : [...sorted.slice(next), ...sorted.slice(0, next)];
}

const asPick = (c: AgentCandidate | undefined, extra: Partial<Pick> = {}): Pick | null => (c ? { userId: c.userId, position: c.position, ...extra } : null);

/** The next member in turn who can take a conversation. */
export function pickRoundRobin(candidates: readonly AgentCandidate[], lastPosition: number | null, exclude: readonly string[] = []): Pick | null {
  return asPick(turnOrder(candidates, lastPosition).find((c) => canTakeMore(c, exclude)));
}

/** Fewest open conversations; ties go to whoever is next in turn. */
export function pickLeastBusy(candidates: readonly AgentCandidate[], lastPosition: number | null, exclude: readonly string[] = []): Pick | null {
  let best: AgentCandidate | undefined;
  for (const c of turnOrder(candidates, lastPosition)) {
    if (canTakeMore(c, exclude) && (!best || c.openCount < best.openCount)) best = c;
  }
  return asPick(best);
}

/** How many of the agent's skills appear in the lead's need (whole words, accents/case ignored) or tags. */
export function skillScore(skills: readonly string[], lead: LeadProfile): number {
  const need = matchKey(lead.needText ?? "");
  const tags = new Set(lead.tags.map(matchKey));
  let score = 0;
  for (const skill of new Set(skills.map(matchKey))) {
    if (!skill) continue;
    if (tags.has(skill) || containsPhrase(need, skill)) score++;
  }
  return score;
}

/**
 * Most matching skills; ties (including "nobody matches") go to the least busy, then to whoever is
 * next in turn, so a lead is never left waiting only because no skill fits.
 */
export function pickSkillBased(candidates: readonly AgentCandidate[], lastPosition: number | null, lead: LeadProfile, exclude: readonly string[] = []): Pick | null {
  let best: { c: AgentCandidate; score: number } | undefined;
  for (const c of turnOrder(candidates, lastPosition)) {
    if (!canTakeMore(c, exclude)) continue;
    const score = skillScore(c.skills, lead);
    if (!best || score > best.score || (score === best.score && c.openCount < best.c.openCount)) best = { c, score };
  }
  return best ? asPick(best.c, { skillScore: best.score }) : null;
}

/** The team's distribution method; "manual" never picks (conversations wait in the queue). */
export function pickAgent(distribution: Distribution, candidates: readonly AgentCandidate[], lastPosition: number | null, opts: PickOptions = {}): Pick | null {
  const exclude = opts.exclude ?? [];
  switch (distribution) {
    case "round_robin":
      return pickRoundRobin(candidates, lastPosition, exclude);
    case "least_busy":
      return pickLeastBusy(candidates, lastPosition, exclude);
    case "skill_based":
      return pickSkillBased(candidates, lastPosition, opts.lead ?? { needText: null, tags: [] }, exclude);
    case "manual":
      return null;
  }
}
