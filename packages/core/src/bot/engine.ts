import type { BotState, Flow, FlowStep } from "@vendaflow/validators/flow";
import { frustrationSignal } from "./frustration";
import { readIntent, type Intent } from "./intents";
import { messages } from "./messages";
import { NOT_QUALIFIED_TAG } from "./not-qualified-tag";
import { bantDataFrom, fillSchedulingUrl } from "./outcome";
import { chosen, parseAnswer, type AnswerInput, type ParsedAnswer } from "./parse-answer";
import { findOption } from "./match-option";
import { words } from "./phrase";
import { questionReply } from "./reply-format";
import type { AiReading, BotEffect, BotInput, BotOptions, BotReply, BotResult, HandoffReason, Reading } from "./types";

// Pure state machine: (flow, state, input, now) → (state, replies, effects). No I/O, clock or
// randomness, so a conversation can be replayed and every rule unit-tested. Every handled input is
// one transition and bumps `revision` by exactly one (a form's answers are one transition per step
// they answer, as in the chat); inputs that are ignored return the state as is.

export const BOT_DEFAULTS = { maxReminders: 2, defaultTimeoutSeconds: 600, utcOffsetMinutes: -180 } as const;

type ResolvedOptions = BotOptions & { maxReminders: number; defaultTimeoutSeconds: number; utcOffsetMinutes: number };

// One transition's accumulators; replies and effects are appended in the order they happen.
interface Ctx {
  flow: Flow;
  now: Date;
  options: ResolvedOptions;
  replies: BotReply[];
  effects: BotEffect[];
  reading?: Reading;
}

function context(flow: Flow, now: Date, options: BotOptions): Ctx {
  return { flow, now, options: { ...BOT_DEFAULTS, ...options }, replies: [], effects: [] };
}

const result = (ctx: Ctx, state: BotState): BotResult => ({
  state,
  replies: ctx.replies,
  effects: ctx.effects,
  ...(ctx.reading ? { reading: ctx.reading } : {}),
});

function ask(ctx: Ctx, state: BotState, step: FlowStep, numbered = false): BotResult {
  ctx.replies.push(questionReply(step, numbered));
  ctx.effects.push({
    kind: "schedule_timeout",
    stepId: step.id,
    revision: state.revision,
    delaySeconds: step.timeoutSeconds ?? ctx.options.defaultTimeoutSeconds,
  });
  return result(ctx, state);
}

function handoff(ctx: Ctx, state: BotState, reason: HandoffReason, text: string): BotResult {
  ctx.replies.push({ kind: "text", text });
  ctx.effects.push({ kind: "handoff", reason });
  return result(ctx, { ...state, status: "handed_off" });
}

/** Contact steps whose value is already known (e.g. name from a web form) are not asked. */
function known(step: FlowStep, contact: BotState["contact"]): boolean {
  return (step.kind === "contact_name" && !!contact.name) || (step.kind === "contact_email" && !!contact.email);
}

function enterStep(ctx: Ctx, state: BotState, target: string | null): BotResult {
  const seen = new Set<string>();
  let id = target;
  for (;;) {
    if (id === null) return complete(ctx, state);
    const step = ctx.flow.steps.find((s) => s.id === id);
    if (!step) return handoff(ctx, state, "flow_error", messages.flowError);
    if (!known(step, state.contact) || seen.has(step.id)) {
      const entered = { ...state, stepId: step.id, invalidCount: 0, reminderCount: 0, path: [...state.path, step.id] };
      return ask(ctx, entered, step);
    }
    seen.add(step.id);
    id = step.next ?? null;
  }
}

function complete(ctx: Ctx, state: BotState): BotResult {
  const { flow } = ctx;
  const bantData = bantDataFrom(flow, state.answers);
  const qualified = state.score >= flow.minScore;
  const outcome = qualified ? flow.outcomes.qualified : flow.outcomes.notQualified;

  ctx.effects.push(
    qualified
      ? { kind: "qualify", score: state.score, bantData, stage: "qualified" }
      : { kind: "not_qualified", score: state.score, bantData, stage: "nurture" },
  );
  const tags = qualified ? outcome.tags : [NOT_QUALIFIED_TAG, ...outcome.tags];
  for (const tag of new Set(tags)) ctx.effects.push({ kind: "tag", tag });
  if (qualified && flow.schedulingUrl) {
    const url = fillSchedulingUrl(flow.schedulingUrl, { ...state.contact, leadId: ctx.options.leadId });
    ctx.effects.push({ kind: "offer_scheduling", url });
  }
  ctx.replies.push({ kind: "text", text: outcome.message });
  ctx.effects.push(
    outcome.action === "handoff"
      ? { kind: "handoff", reason: qualified ? "qualified" : "not_qualified" }
      : { kind: "close", reason: "completed" },
  );
  return result(ctx, { ...state, stepId: null, status: "completed" });
}

const sumScores = (answers: BotState["answers"]) => Object.values(answers).reduce((sum, a) => sum + a.score, 0);

/** The AI's choice of option, when the rules could not read the answer. */
function aiAnswer(step: FlowStep, text: string, ai: AiReading | undefined): ParsedAnswer {
  if (ai?.choice.kind !== "option") return { ok: false };
  const option = findOption(step, ai.choice.optionId);
  if (!option) return { ok: false };
  return chosen(option, text, { via: "ai", confidence: ai.confidence, evidence: ai.evidence, model: ai.model }, step.bands ? option.text : undefined);
}

function answer(ctx: Ctx, state: BotState, step: FlowStep, input: AnswerInput, ai?: AiReading): BotResult {
  let parsed = parseAnswer(step, input, ctx.now, ctx.options.utcOffsetMinutes);
  if (!parsed.ok && input.kind === "text") parsed = aiAnswer(step, input.text.trim(), ai);
  ctx.reading = { ...ctx.reading, stepId: step.id, ...(parsed.ok ? { answer: parsed.answer } : { invalid: true }) };
  if (!parsed.ok) {
    const invalidCount = state.invalidCount + 1;
    const next = { ...state, invalidCount };
    if (invalidCount > (step.invalidAnswerLimit ?? ctx.flow.invalidAnswerLimit)) {
      return handoff(ctx, next, "invalid_answers", messages.tooManyInvalid);
    }
    ctx.replies.push({ kind: "text", text: messages.invalid(step) });
    return ask(ctx, next, step, true);
  }

  const { name, email } = parsed.contact ?? {};
  if (name) {
    ctx.effects.push({ kind: "update_lead", name });
    ctx.replies.push({ kind: "text", text: messages.greetName(name) });
  }
  if (email) ctx.effects.push({ kind: "update_lead", email }, { kind: "possible_duplicate_email", email });

  const answers = { ...state.answers, [step.id]: parsed.answer };
  const next: BotState = {
    ...state,
    answers,
    score: sumScores(answers),
    contact: { ...state.contact, ...(name ? { name } : {}), ...(email ? { email } : {}) },
  };
  const optionId = parsed.answer.optionId;
  const target = (optionId !== undefined ? step.nextByOption?.[optionId] : undefined) ?? step.next ?? null;
  return enterStep(ctx, next, target);
}

function restart(ctx: Ctx, state: BotState): BotResult {
  // Forget contact data the bot collected so it is asked again; keep what came with the lead.
  const contact = { ...state.contact };
  for (const step of ctx.flow.steps) {
    if (state.answers[step.id]?.value == null) continue;
    if (step.kind === "contact_name") delete contact.name;
    if (step.kind === "contact_email") delete contact.email;
  }
  ctx.replies.push({ kind: "text", text: messages.restart });
  const reset = { ...state, answers: {}, score: 0, invalidCount: 0, reminderCount: 0, contact, path: [] };
  return enterStep(ctx, reset, ctx.flow.startStep);
}

function onIntent(ctx: Ctx, state: BotState, step: FlowStep, intent: Intent): BotResult {
  switch (intent) {
    case "opt_out":
      ctx.replies.push({ kind: "text", text: messages.optOut });
      ctx.effects.push({ kind: "opt_out" });
      return result(ctx, { ...state, status: "opted_out" });
    case "human":
      return handoff(ctx, state, "lead_requested", messages.humanRequested);
    case "restart":
      return restart(ctx, state);
    case "help":
      ctx.replies.push({ kind: "text", text: messages.help });
      return ask(ctx, state, step, true);
  }
}

function onTimeout(ctx: Ctx, state: BotState, step: FlowStep): BotResult {
  if (state.reminderCount >= ctx.options.maxReminders) {
    if (ctx.flow.timeoutFallback === "handoff") return handoff(ctx, state, "timeout", messages.timeoutHandoff);
    ctx.replies.push({ kind: "text", text: messages.timeoutClose });
    ctx.effects.push({ kind: "close", reason: "timeout" });
    return result(ctx, { ...state, status: "completed" });
  }
  ctx.replies.push({ kind: "text", text: messages.reminder });
  return ask(ctx, { ...state, reminderCount: state.reminderCount + 1 }, step);
}

/** First question of a new conversation. `contact` carries what the channel already knows (phone, …). */
export function startBot(flow: Flow, now: Date, contact: BotState["contact"] = {}, options: BotOptions = {}): BotResult {
  // Asking the first question is the first transition from an implicit revision 0.
  const state: BotState = {
    flowVersion: flow.version,
    stepId: null,
    revision: 1,
    answers: {},
    score: 0,
    invalidCount: 0,
    reminderCount: 0,
    status: "active",
    contact: { ...contact },
    path: [],
  };
  return enterStep(context(flow, now, options), state, flow.startStep);
}

/** What a blank field of a skippable step is fed as: the chat's skip word (bot/contact.ts isSkip). */
const FORM_SKIP = "pular";

/**
 * A form's answers (a WhatsApp Flow reply): each answer of the step the bot is on is fed as the
 * chat would feed it — an option id as a tap on that option, anything else as typed text — one
 * transition per step, until the form has no answer for the current step, an answer is not
 * accepted (the bot asks that step again in the chat, as it would there) or the flow ends. So the
 * answers, scores, branches and outcome are exactly the chat's. The questions the form already
 * answered are not sent, nor their timeouts; only the last transition's question (the step the
 * chat goes on from) and every other reply (greeting, outcome message…) remain. A form with no
 * answer for the current step changes nothing (a repeated submission after the flow moved on).
 */
function runForm(flow: Flow, state: BotState, answers: Record<string, string>, now: Date, options: BotOptions): BotResult {
  let current = state;
  const replies: BotReply[] = [];
  const effects: BotEffect[] = [];
  let reading: Reading | undefined;
  const fed = new Set<string>();
  for (;;) {
    const stepId = current.stepId;
    const value = stepId === null ? undefined : answers[stepId];
    if (current.status !== "active" || stepId === null || value === undefined || fed.has(stepId)) break;
    const step = flow.steps.find((s) => s.id === stepId);
    // A field left blank skips a skippable step as the chat's "pular" does; any other is asked in the chat.
    if (value === "" && !step?.skippable) break;
    fed.add(stepId);
    const input: BotInput = value === "" ? { kind: "text", text: FORM_SKIP } : step?.options?.some((o) => o.id === value) ? { kind: "option", optionId: value } : { kind: "text", text: value };
    const res = runBot(flow, current, input, now, options);
    replies.push(...res.replies);
    effects.push(...res.effects);
    reading = res.reading ?? reading;
    current = res.state;
    if (current.stepId === stepId) break; // not accepted: asked again
  }
  if (fed.size === 0) return { state, replies: [], effects: [] };
  const last = current.status === "active" ? current.stepId : null;
  return {
    state: current,
    replies: replies.filter((r) => r.kind !== "question" || (r.stepId === last && r === replies.findLast((x) => x.kind === "question"))),
    effects: effects.filter((e) => e.kind !== "schedule_timeout" || (current.status === "active" && e.revision === current.revision)),
    ...(reading ? { reading } : {}),
  };
}

/** Advances the conversation by one input. */
export function runBot(flow: Flow, state: BotState, input: BotInput, now: Date, options: BotOptions = {}): BotResult {
  // Opted out, finished or with an agent: the bot stays silent. Stale timeouts are dropped.
  if (state.status !== "active") return { state, replies: [], effects: [] };
  if (input.kind === "timeout" && input.revision !== state.revision) return { state, replies: [], effects: [] };
  if (input.kind === "form") return runForm(flow, state, input.answers, now, options);

  const ctx = context(flow, now, options);
  const next: BotState = { ...state, revision: state.revision + 1 };
  const step = flow.steps.find((s) => s.id === state.stepId);
  if (!step) return handoff(ctx, next, "flow_error", messages.flowError);

  if (input.kind === "timeout") return onTimeout(ctx, next, step);

  // Any message from the lead shows they are there: reminders start over.
  const present = { ...next, reminderCount: 0 };
  if (input.kind === "media") {
    ctx.replies.push({ kind: "text", text: messages.media });
    return ask(ctx, present, step);
  }
  if (input.kind === "option") return answer(ctx, present, step, input);

  const w = words(input.text);
  const intent = readIntent(input.text, w);
  if (intent) {
    ctx.reading = { stepId: step.id, intent: { ...intent, via: "rule" } };
    return onIntent(ctx, present, step, intent.intent);
  }
  // Losing patience: offer a person once per conversation, then still read the answer.
  let patient = present;
  const frustration = state.humanOffered ? null : frustrationSignal(input.text, w);
  if (frustration) {
    ctx.reading = { stepId: step.id, frustration };
    ctx.replies.push({ kind: "text", text: messages.offerHuman });
    patient = { ...present, humanOffered: true };
  }
  const ai = input.ai;
  if (ai?.choice.kind === "intent" && !parseAnswer(step, input, now, ctx.options.utcOffsetMinutes).ok) {
    ctx.reading = { ...ctx.reading, stepId: step.id, intent: { intent: ai.choice.intent, evidence: ai.evidence, via: "ai", confidence: ai.confidence } };
    return onIntent(ctx, patient, step, ai.choice.intent);
  }
  return answer(ctx, patient, step, input, ai);
}
