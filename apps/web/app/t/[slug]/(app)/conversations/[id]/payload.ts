import type { RouterOutputs } from "@vendaflow/api/root";

export type Detail = RouterOutputs["conversations"]["get"];
export type Message = Detail["messages"][number];
export type ConversationEvent = Detail["events"][number];

type Obj = Record<string, unknown>;

/** A JSON value as a plain object, or null. */
export const obj = (v: unknown): Obj | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);
export const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
export const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Option labels the bot offered with a question (payload.options). */
export function optionLabels(payload: unknown): string[] {
  const options = obj(payload)?.options;
  if (!Array.isArray(options)) return [];
  return options.flatMap((o) => {
    const label = str(obj(o)?.label) ?? str(obj(o)?.text);
    return label ? [label] : [];
  });
}

export interface MediaInfo {
  mediaId: string | null;
  mimeType: string | null;
  filename: string | null;
  caption: string | null;
  voice: boolean;
}

export function mediaInfo(payload: unknown): MediaInfo | null {
  const m = obj(obj(payload)?.media);
  if (!m) return null;
  return { mediaId: str(m.mediaId), mimeType: str(m.mimeType), filename: str(m.filename), caption: str(m.caption), voice: m.voice === true };
}

/** A voice note's transcript by the AI layer (core/media/voice-note.ts): the text, or why there is none. */
export function transcriptInfo(payload: unknown): { status: string; text: string | null; model: string | null } | null {
  const t = obj(obj(payload)?.transcript);
  const status = str(t?.status);
  return t && status ? { status, text: str(t.text), model: str(t.model) } : null;
}

export function locationInfo(payload: unknown) {
  const l = obj(obj(payload)?.location);
  if (!l) return null;
  return { latitude: num(l.latitude), longitude: num(l.longitude), name: str(l.name), address: str(l.address) };
}

/** Messages (by seq) and events (by time) in one timeline; an event follows the messages of its instant. */
export type TimelineItem = { type: "message"; message: Message } | { type: "event"; event: ConversationEvent };

export function timeline(messages: Message[], events: ConversationEvent[]): TimelineItem[] {
  const out: TimelineItem[] = [];
  let e = 0;
  for (const m of messages) {
    while (e < events.length && events[e]!.created_at.getTime() < m.created_at.getTime()) out.push({ type: "event", event: events[e++]! });
    out.push({ type: "message", message: m });
  }
  while (e < events.length) out.push({ type: "event", event: events[e++]! });
  return out;
}
