import { describe, expect, it } from "vitest";
import { canTakeMore, pickAgent, pickLeastBusy, pickRoundRobin, pickSkillBased, skillScore, turnOrder, type AgentCandidate } from "./pick-agent";

const agent = (userId: string, position: number, over: Partial<AgentCandidate> = {}): AgentCandidate => ({
  userId,
  position,
  availability: "online",
  capacity: 5,
  openCount: 0,
  skills: [],
  ...over,
});

const team = [agent("a", 0), agent("b", 1), agent("c", 2)];

describe("canTakeMore", () => {
  it("needs online, spare capacity and not excluded", () => {
    expect(canTakeMore(agent("a", 0))).toBe(true);
    expect(canTakeMore(agent("a", 0, { availability: "away" }))).toBe(false);
    expect(canTakeMore(agent("a", 0, { availability: "offline" }))).toBe(false);
    expect(canTakeMore(agent("a", 0, { openCount: 5 }))).toBe(false);
    expect(canTakeMore(agent("a", 0), ["a"])).toBe(false);
  });
});

describe("turnOrder", () => {
  it("starts after the last position and wraps", () => {
    expect(turnOrder(team, null).map((c) => c.userId)).toEqual(["a", "b", "c"]);
    expect(turnOrder(team, 0).map((c) => c.userId)).toEqual(["b", "c", "a"]);
    expect(turnOrder(team, 2).map((c) => c.userId)).toEqual(["a", "b", "c"]);
    // Gaps in positions (a member removed) and input order do not matter.
    expect(turnOrder([agent("z", 10), agent("x", 3), agent("y", 7)], 5).map((c) => c.userId)).toEqual(["y", "z", "x"]);
  });
});

describe("pickRoundRobin", () => {
  it("hands turns out in order, evenly", () => {
    const counts: Record<string, number> = {};
    let last: number | null = null;
    for (let i = 0; i < 10; i++) {
      const p: { userId: string; position: number } = pickRoundRobin(team, last)!;
      counts[p.userId] = (counts[p.userId] ?? 0) + 1;
      last = p.position;
    }
    expect(counts).toEqual({ a: 4, b: 3, c: 3 });
  });
  it("skips offline, away, full and excluded members", () => {
    const t = [agent("a", 0), agent("b", 1, { availability: "offline" }), agent("c", 2, { openCount: 5 }), agent("d", 3, { availability: "away" }), agent("e", 4)];
    expect(pickRoundRobin(t, 0)?.userId).toBe("e");
    expect(pickRoundRobin(t, 4)?.userId).toBe("a");
    expect(pickRoundRobin(t, 4, ["a"])?.userId).toBe("e");
  });
  it("returns null when nobody can take more", () => {
    expect(pickRoundRobin([agent("a", 0, { openCount: 5 }), agent("b", 1, { availability: "offline" })], null)).toBeNull();
    expect(pickRoundRobin([], null)).toBeNull();
  });
});

describe("pickLeastBusy", () => {
  it("picks the fewest open conversations", () => {
    const t = [agent("a", 0, { openCount: 3 }), agent("b", 1, { openCount: 1 }), agent("c", 2, { openCount: 2 })];
    expect(pickLeastBusy(t, null)?.userId).toBe("b");
  });
  it("breaks ties by turn, skipping the unavailable even if idle", () => {
    const t = [agent("a", 0, { openCount: 1 }), agent("b", 1, { openCount: 1 }), agent("c", 2, { openCount: 0, availability: "offline" })];
    expect(pickLeastBusy(t, null)?.userId).toBe("a");
    expect(pickLeastBusy(t, 0)?.userId).toBe("b");
  });
  it("does not count capacity as busy-ness but respects it", () => {
    const t = [agent("a", 0, { openCount: 1, capacity: 1 }), agent("b", 1, { openCount: 4, capacity: 10 })];
    expect(pickLeastBusy(t, null)?.userId).toBe("b");
  });
});

describe("skillScore", () => {
  it("matches need words and tags, accents and case ignored, each skill once", () => {
    const lead = { needText: "Preciso de AUTOMAÇÃO de vendas e integração com ERP", tags: ["Enterprise"] };
    expect(skillScore(["automacao", "erp", "enterprise", "suporte"], lead)).toBe(3);
    expect(skillScore(["automação", "Automacao"], lead)).toBe(1);
    expect(skillScore(["venda"], lead)).toBe(0); // whole words only
    expect(skillScore(["vendas"], { needText: null, tags: [] })).toBe(0);
  });
  it("matches phrases", () => {
    expect(skillScore(["integração com erp"], { needText: "quero integracao com ERP", tags: [] })).toBe(1);
  });
});

describe("pickSkillBased", () => {
  const lead = { needText: "automação de marketing", tags: ["pme"] };
  it("prefers the most matching skills", () => {
    const t = [agent("a", 0, { skills: ["vendas"] }), agent("b", 1, { skills: ["automação"] }), agent("c", 2, { skills: ["automação", "pme"], openCount: 3 })];
    expect(pickSkillBased(t, null, lead)).toEqual({ userId: "c", position: 2, skillScore: 2 });
  });
  it("breaks skill ties by load, then by turn", () => {
    const t = [agent("a", 0, { skills: ["pme"], openCount: 2 }), agent("b", 1, { skills: ["automação"], openCount: 1 }), agent("c", 2, { skills: ["pme"], openCount: 1 })];
    expect(pickSkillBased(t, null, lead)?.userId).toBe("b");
    expect(pickSkillBased(t, 1, lead)?.userId).toBe("c");
  });
  it("falls back to the least busy when no skill matches, and skips the unavailable", () => {
    const t = [agent("a", 0, { skills: ["automação"], availability: "offline" }), agent("b", 1, { openCount: 2 }), agent("c", 2, { openCount: 1 })];
    expect(pickSkillBased(t, null, lead)).toEqual({ userId: "c", position: 2, skillScore: 0 });
  });
});

describe("pickAgent", () => {
  it("dispatches on the distribution method; manual never picks", () => {
    const t = [agent("a", 0, { openCount: 2 }), agent("b", 1, { openCount: 0 })];
    expect(pickAgent("round_robin", t, null)?.userId).toBe("a");
    expect(pickAgent("least_busy", t, null)?.userId).toBe("b");
    expect(pickAgent("skill_based", t, null)?.userId).toBe("b");
    expect(pickAgent("manual", t, null)).toBeNull();
    expect(pickAgent("round_robin", t, null, { exclude: ["a"] })?.userId).toBe("b");
  });
});
