import type { Flow, FlowOption, FlowStep } from "@vendaflow/validators/flow";

// Pure edits of the draft the editor holds. The draft may be invalid while the admin types;
// checkDraft (core) says what is wrong and the simulator runs whatever it can read.

export type Draft = Flow;

const uses = {
  options: (s: FlowStep) => s.kind === "options" || (s.kind === "number" && !!s.bands),
  bands: (s: FlowStep) => s.kind === "options" || s.kind === "number",
  keywords: (s: FlowStep) => s.kind === "text",
  branches: (s: FlowStep) => s.kind === "options",
};
export const stepUses = uses;

/** What is saved and simulated: the draft without fields its step kinds ignore or left empty. */
export function toDefinition(draft: Draft): Flow {
  const steps = draft.steps.map((s): FlowStep => {
    const out: FlowStep = { id: s.id, kind: s.kind, question: s.question };
    if (s.field) out.field = s.field;
    if (uses.options(s) && (s.options?.length || s.kind === "options")) out.options = s.options ?? [];
    if (uses.keywords(s) && s.keywords?.length) out.keywords = s.keywords;
    if (uses.bands(s) && s.bands) out.bands = s.bands;
    out.next = s.next ?? null;
    const branches = Object.fromEntries(Object.entries(s.nextByOption ?? {}).filter(([, target]) => !!target));
    if (uses.branches(s) && Object.keys(branches).length) out.nextByOption = branches;
    if (s.timeoutSeconds !== undefined) out.timeoutSeconds = s.timeoutSeconds;
    if (s.invalidAnswerLimit !== undefined) out.invalidAnswerLimit = s.invalidAnswerLimit;
    if (s.skippable) out.skippable = true;
    return out;
  });
  const out: Flow = { ...draft, steps };
  if (!draft.schedulingUrl?.trim()) delete out.schedulingUrl;
  return out;
}

/** Highest score a lead can reach: the best option or all keywords of each step. */
export function maxScore(flow: Flow): number {
  return flow.steps.reduce((sum, s) => {
    const best = Math.max(0, ...(s.options ?? []).map((o) => o.score));
    const words = (s.keywords ?? []).reduce((n, k) => n + Math.max(0, k.score), 0);
    return sum + (stepUses.keywords(s) ? words : best);
  }, 0);
}

const uniqueId = (taken: Set<string>, base: string) => {
  for (let i = 1; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
};

export function addStep(draft: Draft): Draft {
  const id = uniqueId(new Set(draft.steps.map((s) => s.id)), "etapa");
  return { ...draft, steps: [...draft.steps, { id, kind: "text", question: "", next: null }] };
}

export function removeStep(draft: Draft, index: number): Draft {
  return { ...draft, steps: draft.steps.filter((_, i) => i !== index) };
}

export function moveItem<T>(items: T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= items.length) return items;
  const copy = [...items];
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}

export function updateStep(draft: Draft, index: number, change: (s: FlowStep) => FlowStep): Draft {
  return { ...draft, steps: draft.steps.map((s, i) => (i === index ? change(s) : s)) };
}

/** Renames a step and every reference to it (start, next, conditional next), unless the old id is shared. */
export function renameStep(draft: Draft, index: number, id: string): Draft {
  const old = draft.steps[index]?.id;
  if (old === undefined || old === id) return draft;
  const shared = draft.steps.some((s, i) => i !== index && s.id === old);
  const ref = (target: string) => (!shared && target === old ? id : target);
  return {
    ...draft,
    startStep: ref(draft.startStep),
    steps: draft.steps.map((s, i) => ({
      ...s,
      id: i === index ? id : s.id,
      next: s.next ? ref(s.next) : s.next,
      ...(s.nextByOption ? { nextByOption: Object.fromEntries(Object.entries(s.nextByOption).map(([o, target]) => [o, ref(target)])) } : {}),
    })),
  };
}

export function addOption(step: FlowStep): FlowStep {
  const id = uniqueId(new Set((step.options ?? []).map((o) => o.id)), "opcao");
  return { ...step, options: [...(step.options ?? []), { id, label: "", text: "", score: 0 }] };
}

export function updateOption(step: FlowStep, index: number, change: Partial<FlowOption>): FlowStep {
  return { ...step, options: (step.options ?? []).map((o, i) => (i === index ? { ...o, ...change } : o)) };
}

/** Renames an option and the conditional next step and value bands that point to it. */
export function renameOption(step: FlowStep, index: number, id: string): FlowStep {
  const old = step.options?.[index]?.id;
  if (old === undefined || old === id) return step;
  const shared = (step.options ?? []).some((o, i) => i !== index && o.id === old);
  const next = updateOption(step, index, { id });
  if (shared) return next;
  const branches = next.nextByOption ? Object.fromEntries(Object.entries(next.nextByOption).map(([o, target]) => [o === old ? id : o, target])) : undefined;
  const bands = next.bands ? { ...next.bands, ranges: next.bands.ranges.map((r) => (r.optionId === old ? { ...r, optionId: id } : r)) } : undefined;
  return { ...next, ...(branches ? { nextByOption: branches } : {}), ...(bands ? { bands } : {}) };
}

/** Removes an option with its conditional next step and its value bands. */
export function removeOption(step: FlowStep, index: number): FlowStep {
  const removed = step.options?.[index]?.id;
  const options = (step.options ?? []).filter((_, i) => i !== index);
  const stillThere = options.some((o) => o.id === removed);
  if (removed === undefined || stillThere) return { ...step, options };
  const nextByOption = step.nextByOption ? Object.fromEntries(Object.entries(step.nextByOption).filter(([o]) => o !== removed)) : undefined;
  const bands = step.bands ? { ...step.bands, ranges: step.bands.ranges.filter((r) => r.optionId !== removed) } : undefined;
  return { ...step, options, ...(nextByOption ? { nextByOption } : {}), ...(bands ? { bands } : {}) };
}

export function setBranch(step: FlowStep, optionId: string, target: string): FlowStep {
  const branches = { ...(step.nextByOption ?? {}) };
  if (target) branches[optionId] = target;
  else delete branches[optionId];
  return { ...step, nextByOption: branches };
}

/** Comma-separated tags, as typed, to a clean list. */
export const parseTags = (text: string) => [...new Set(text.split(",").map((x) => x.trim()).filter(Boolean))];
