import { createHmac, timingSafeEqual } from "node:crypto";
import { stepTargets, type Flow, type FlowStep } from "@vendaflow/validators/flow";

/**
 * The qualification as a native WhatsApp Flow form (issue 15 item 9): one screen with the flow's
 * questions, which the tenant uploads to Meta (WhatsApp Manager → Flows, or the Graph API) from
 * `flowFormJson`, and which the bot sends as one interactive `flow` message. Pure: no I/O, no clock.
 *
 * - The screen's fields are fixed when the JSON is generated (`q_0`, `q_1`… in the order the flow
 *   reaches its steps); the questions and option lists come with each message as the screen's
 *   initial data (`flowFormData`), so a wording or option change in the published flow needs no new
 *   upload. Adding, removing or reordering steps does: the inbox settings say so.
 * - The Footer completes the Flow with a payload keyed by **step id** (`{"budget": "${form.q_1}"}`),
 *   so `response_json` names the flow's own steps and options (`flowFormAnswers`).
 * - The `flow_token` names the conversation, signed for the tenant (`flowFormToken`): a reply with
 *   a token we did not sign for this tenant and conversation never reaches the bot.
 */

/** The form's button (Meta's flow_cta: at most 20 characters) when the inbox names none. */
export const FLOW_FORM_CTA = "Responder";
/** The one screen's id (flow_action_payload.screen). */
export const FLOW_FORM_SCREEN = "QUALIFICACAO";
/** Meta's limit of components per screen is 50; each question takes two (text + input). */
export const FLOW_FORM_MAX_STEPS = 20;
/** Items in a RadioButtonsGroup (Meta: 20) and characters of an item's title (30). */
const RADIO_MAX = 20;
const TITLE_MAX = 30;
/** Flow JSON version the screen is written in. */
export const FLOW_JSON_VERSION = "7.0";

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The steps the form asks, in the order the flow can reach them from its start (breadth-first
 * through every branch), at most FLOW_FORM_MAX_STEPS. A branch the lead does not take is left out
 * when the answers are fed (only the steps the engine reaches are read).
 */
export function formSteps(flow: Flow): FlowStep[] {
  const byId = new Map(flow.steps.map((s) => [s.id, s] as const));
  const out: FlowStep[] = [];
  const seen = new Set<string>();
  const queue = [flow.startStep];
  while (queue.length > 0 && out.length < FLOW_FORM_MAX_STEPS) {
    const id = queue.shift()!;
    const step = byId.get(id);
    if (!step || seen.has(id)) continue;
    seen.add(id);
    out.push(step);
    for (const t of stepTargets(step)) if (t !== null && !seen.has(t)) queue.push(t);
  }
  return out;
}

const branches = (flow: Flow) => flow.steps.some((s) => s.nextByOption && Object.keys(s.nextByOption).length > 0);
const field = (i: number) => `q_${i}`;
const inputType = (s: FlowStep) => (s.kind === "contact_email" ? "email" : s.kind === "number" ? "number" : "text");

/** The screen's initial data: each question's text and, for option steps, its options as Meta's data-source items. */
export function flowFormData(flow: Flow): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  formSteps(flow).forEach((s, i) => {
    data[`${field(i)}_question`] = s.question;
    if (s.kind === "options" && s.options?.length) data[`${field(i)}_options`] = s.options.slice(0, RADIO_MAX).map((o) => ({ id: o.id, title: cut(o.label, TITLE_MAX) }));
  });
  return data;
}

/** The screen definition (Flow JSON) the tenant uploads to Meta, generated from its published flow. */
export function flowFormJson(flow: Flow, labels: { title: string; answer: string; choose: string; submit: string } = FLOW_FORM_LABELS) {
  const steps = formSteps(flow);
  const example = flowFormData(flow);
  // Without branches every step is asked on every path, so Meta can insist on each answer; with
  // branches a step may not apply, so none is required and the chat asks what is missing.
  const required = (s: FlowStep) => !branches(flow) && !s.skippable;
  const data: Record<string, unknown> = {};
  const children: unknown[] = [];
  const payload: Record<string, string> = {};
  steps.forEach((s, i) => {
    const f = field(i);
    data[`${f}_question`] = { type: "string", __example__: example[`${f}_question`] };
    children.push({ type: "TextBody", text: `\${data.${f}_question}` });
    if (s.kind === "options" && s.options?.length) {
      data[`${f}_options`] = {
        type: "array",
        items: { type: "object", properties: { id: { type: "string" }, title: { type: "string" } } },
        __example__: example[`${f}_options`],
      };
      children.push({ type: "RadioButtonsGroup", name: f, label: labels.choose, required: required(s), "data-source": `\${data.${f}_options}` });
    } else {
      children.push({ type: "TextInput", name: f, label: labels.answer, "input-type": inputType(s), required: required(s) });
    }
    payload[s.id] = `\${form.${f}}`;
  });
  children.push({ type: "Footer", label: labels.submit, "on-click-action": { name: "complete", payload } });
  return {
    version: FLOW_JSON_VERSION,
    screens: [{ id: FLOW_FORM_SCREEN, title: cut(labels.title || flow.name, TITLE_MAX), terminal: true, success: true, data, layout: { type: "SingleColumnLayout", children } }],
  };
}

/** The form's pt-BR labels (Meta shows them to the lead); an empty title takes the flow's name. */
export const FLOW_FORM_LABELS = { title: "", answer: "Sua resposta", choose: "Escolha uma opção", submit: "Enviar" };

/** A step id as flows allow them (validators/flow.ts idSchema). */
const STEP_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ANSWER_MAX = 1000;

/**
 * A Flow reply's answers (`response_json` without `flow_token`) as step id → what the lead chose
 * or typed: an option id for option steps, text otherwise, "" for a field left blank (the engine
 * skips a skippable step on it, bot/engine.ts). Keys that cannot be step ids and anything but
 * strings and numbers are dropped; at most FLOW_FORM_MAX_STEPS answers of 1,000 characters.
 */
export function flowFormAnswers(response: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(response)) {
    if (Object.keys(out).length >= FLOW_FORM_MAX_STEPS) break;
    if (!STEP_ID.test(key)) continue;
    if (typeof value === "string") out[key] = value.trim().slice(0, ANSWER_MAX);
    else if (typeof value === "number" && Number.isFinite(value)) out[key] = String(value);
  }
  return out;
}

const TOKEN_PREFIX = "vf1";
const macOf = (secret: string, tenantId: string, conversationId: string) => createHmac("sha256", `whatsapp-flow:${secret}`).update(`${tenantId}:${conversationId}`).digest("base64url");

/** The flow_token of a conversation's form: its id and an HMAC binding it to the tenant (unguessable without the secret). */
export function flowFormToken(secret: string, tenantId: string, conversationId: string): string {
  return `${TOKEN_PREFIX}.${conversationId}.${macOf(secret, tenantId, conversationId)}`;
}

/** The conversation a flow_token names, when it was signed for this tenant; null for anything else. */
export function verifyFlowFormToken(secret: string, tenantId: string, token: string | undefined): string | null {
  if (!token || token.length > 200) return null;
  const [prefix, conversationId, mac, ...rest] = token.split(".");
  if (prefix !== TOKEN_PREFIX || !conversationId || !mac || rest.length > 0) return null;
  if (!/^[0-9a-f-]{36}$/.test(conversationId)) return null;
  const want = Buffer.from(macOf(secret, tenantId, conversationId));
  const got = Buffer.from(mac);
  return want.length === got.length && timingSafeEqual(want, got) ? conversationId : null;
}
