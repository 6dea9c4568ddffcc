import type { AnswerDecision, FlowOption, FlowStep } from "@vendaflow/validators/flow";
import { bandOptionId } from "./budget-band";
import { compiled, conceptHits } from "./concepts";
import { findOption, matchOptionText, optionNumber } from "./match-option";
import { matchKey } from "./normalize";
import { bandPoint, parseAmount } from "./parse-amount";
import { parseHorizon } from "./parse-horizon";
import { best, find, weight, words, type Words } from "./phrase";

// Reads a typed answer to an options step, most literal first: the option's number, its exact
// text, a tenant synonym, an amount in a band, then meanings (authority, timeline, yes/no) found
// in both the answer and the options' own texts, then a unique partial match. Each reading says
// how it was decided, for the simulator and the per-answer score explanation.

export interface OptionReading {
  option: FlowOption;
  decision: AnswerDecision;
  /** Budget steps keep the amount typed; others the option text. */
  value?: number;
}

/** A plan "Imediatamente" covers this week. */
const IMMEDIATE_DAYS = 7;

const ORDINALS: Record<string, number> = { primeira: 1, primeiro: 1, segunda: 2, segundo: 2, terceira: 3, terceiro: 3, quarta: 4, quarto: 4, quinta: 5, quinto: 5 };

/** "2", "opção 2", "2️⃣", "a segunda", "a segunda opção", "última" → 1-based position. */
function positionOf(w: Words, key: string, count: number): number | null {
  const n = optionNumber(key);
  if (n !== null) return n;
  const rest = w.raw.filter((t) => !["a", "o", "opcao", "alternativa", "numero", "essa", "esta", "fico", "com", "quero", "resposta"].includes(t));
  if (rest.length !== 1) return null;
  const t = rest[0]!;
  if (/^\d{1,2}$/.test(t)) return Number(t);
  if (t === "ultima" || t === "ultimo") return count;
  return ORDINALS[t] ?? null;
}

interface Profile {
  /** Per concept: the option that carries it most strongly, when unique. */
  carriers: Map<string, FlowOption>;
  /** Options with a time horizon, by ascending days (Infinity = no plan). */
  horizons: { option: FlowOption; max: number; open: boolean }[];
}

const profiles = new WeakMap<FlowStep, Profile>();
const PROFILE_NOW = new Date(Date.UTC(2025, 0, 1));

/** What each option means, read from its own text and label with the same rules as answers. */
function profile(step: FlowStep): Profile {
  const cached = profiles.get(step);
  if (cached) return cached;
  const strongest = new Map<string, { option: FlowOption; weight: number; tied: boolean }>();
  const horizons: Profile["horizons"] = [];
  for (const option of step.options ?? []) {
    const text = `${option.text}. ${option.label}`;
    const hits = conceptHits(words(text));
    for (const h of hits) {
      const cur = strongest.get(h.id);
      if (!cur || h.weight > cur.weight) strongest.set(h.id, { option, weight: h.weight, tied: false });
      else if (h.weight === cur.weight && cur.option !== option) cur.tied = true;
    }
    // Option horizons do not depend on the day ("Próximos 30 dias"), so any fixed date reads them.
    const span = parseHorizon(text, PROFILE_NOW, 0);
    const concept = hits.find((h) => h.horizon !== undefined);
    if (span) horizons.push({ option, max: span.open ? Infinity : span.days, open: span.open });
    else if (concept) horizons.push({ option, max: concept.horizon === 0 ? IMMEDIATE_DAYS : concept.horizon!, open: false });
  }
  const carriers = new Map<string, FlowOption>();
  for (const [id, s] of strongest) if (!s.tied) carriers.set(id, s.option);
  horizons.sort((a, b) => a.max - b.max);
  const p = { carriers, horizons };
  profiles.set(step, p);
  return p;
}

/** The option whose horizon holds `days`: the nearest one not shorter, else the open or no-plan one. */
function optionForDays(p: Profile, days: number): FlowOption | undefined {
  if (p.horizons.length < 2) return undefined;
  return p.horizons.find((h) => days <= h.max)?.option;
}

const decided = (option: FlowOption, decision: AnswerDecision, value?: number): OptionReading => ({ option, decision, ...(value !== undefined ? { value } : {}) });

interface Candidate {
  option: FlowOption;
  weight: number;
  rank: number;
  decision: AnswerDecision;
}

function meaningOf(step: FlowStep, p: Profile, w: Words, text: string, now: Date, utcOffsetMinutes: number): Candidate[] {
  const out: Candidate[] = [];
  for (const option of step.options ?? []) {
    if (!option.synonyms?.length) continue;
    const hit = best(w, compiled(option.synonyms));
    // A tenant's synonym beats a built-in meaning of the same length.
    if (hit) out.push({ option, weight: weight(hit.phrase) + 0.5, rank: -1, decision: { via: "synonym", rule: hit.phrase.text, evidence: hit.evidence } });
  }
  if (p.horizons.length >= 2) {
    const span = parseHorizon(text, now, utcOffsetMinutes);
    const option = span ? optionForDays(p, span.open ? span.days + 1 : span.days) : undefined;
    if (span && option) out.push({ option, weight: 50, rank: -100, decision: { via: "rule", rule: "horizon", evidence: span.evidence } });
  }
  for (const h of conceptHits(w)) {
    const option = p.carriers.get(h.id) ?? (h.horizon !== undefined ? optionForDays(p, h.horizon) : undefined);
    if (option) out.push({ option, weight: h.weight, rank: h.rank, decision: { via: "rule", rule: h.id, evidence: h.hit.evidence } });
  }
  return out.sort((a, b) => b.weight - a.weight || a.rank - b.rank);
}

function pick(candidates: Candidate[]): Candidate | undefined {
  const [top, next] = candidates;
  if (!top) return undefined;
  // Two tenant synonyms of equal weight for different options: ambiguous.
  if (next && next.option !== top.option && next.weight === top.weight && next.rank === top.rank) return undefined;
  return top;
}

/** Reads text typed at an options step; null means the rules cannot tell (re-ask, or ask the AI). */
export function readOption(step: FlowStep, text: string, now: Date, utcOffsetMinutes: number): OptionReading | null {
  const options = step.options ?? [];
  const key = matchKey(text);
  const w = words(text);
  if (!key && !w.raw.length) return null;

  const n = positionOf(w, key, options.length);
  if (n !== null) {
    const option = options[n - 1];
    return option ? decided(option, { via: "number", evidence: String(n) }) : null;
  }
  const exact = matchOptionText(options, text, true);
  if (exact) return decided(exact, { via: "exact" });
  for (const option of options) {
    if (!option.synonyms?.length) continue;
    const i = compiled(option.synonyms).findIndex((c) => c.parts.length === w.raw.length && find(w, c)?.start === 0);
    if (i >= 0) return decided(option, { via: "synonym", rule: option.synonyms[i], evidence: w.raw.join(" ") });
  }

  if (step.bands) {
    // Free-text budget: the amount picks the band's option; the amount itself is kept as the value.
    const amount = parseAmount(text);
    const option = amount ? findOption(step, bandOptionId(step.bands, bandPoint(amount)) ?? "") : undefined;
    if (amount && option) {
      const rule = amount.period === "month" ? amount.bound : `${amount.bound}/${amount.period}`;
      return decided(option, { via: "band", rule, evidence: amount.evidence }, amount.value);
    }
  }

  const top = pick(meaningOf(step, profile(step), w, text, now, utcOffsetMinutes));
  if (top) return decided(top.option, top.decision);

  if (step.bands) return null;
  const loose = matchOptionText(options, text);
  return loose ? decided(loose, { via: "text" }) : null;
}
