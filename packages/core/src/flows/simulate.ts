import type { BotState, Flow } from "@vendaflow/validators/flow";
import { runBot, startBot } from "../bot/engine";
import type { BotEffect, BotInput, BotOptions, BotReply, BotResult, Reading } from "../bot/types";

// The flow editor's live simulator. Pure and browser-safe: it imports only the engine, so the
// editor runs it on the unsaved draft and the API runs the very same function server-side.

export interface SimulationEntry {
  /** null for the start of the conversation. */
  input: BotInput | null;
  replies: BotReply[];
  effects: BotEffect[];
  /** Step waiting for an answer after this transition (null once the flow ended). */
  stepId: string | null;
  score: number;
  revision: number;
  status: BotState["status"];
  /** How the input was read: the option and the path that decided it (number, rule, synonym, AI…). */
  reading?: Reading;
}

export interface Simulation {
  transcript: SimulationEntry[];
  state: BotState;
}

export interface SimulateOptions {
  /** What the channel already knows about the lead (phone, name from a form…). */
  contact?: BotState["contact"];
  bot?: BotOptions;
}

/** startBot, then runBot for each input in turn, with the same `now` the engine would get. */
export function simulate(flow: Flow, inputs: BotInput[], now: Date, { contact = {}, bot = {} }: SimulateOptions = {}): Simulation {
  const entry = (input: BotInput | null, r: BotResult): SimulationEntry => ({
    input,
    replies: r.replies,
    effects: r.effects,
    stepId: r.state.stepId,
    score: r.state.score,
    revision: r.state.revision,
    status: r.state.status,
    ...(r.reading ? { reading: r.reading } : {}),
  });
  const start = startBot(flow, now, contact, bot);
  const transcript = [entry(null, start)];
  let state = start.state;
  for (const input of inputs) {
    const r = runBot(flow, state, input, now, bot);
    transcript.push(entry(input, r));
    state = r.state;
  }
  return { transcript, state };
}
