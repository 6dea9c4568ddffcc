import { drop, load, save } from "./storage";
import type { SendInput } from "./types";

export interface OutboxItem {
  input: SendInput;
  /** What the optimistic copy shows (an option's text for an option id). */
  display: string;
}

/**
 * Messages the lead wrote that the server has not confirmed, kept in localStorage until it does:
 * a reload or a closed tab while offline (or mid-send) would otherwise lose them. They go again
 * with their clientMessageId when the chat next opens under the same visitor token, so one that
 * did reach the server is stored once. A refused one is dropped (sending it again would fail too).
 */
export class Outbox {
  private items = new Map<string, OutboxItem>();
  private token = "";

  constructor(private readonly key: string) {}

  /** The session's token is known: takes what an earlier page kept under it; another token's are void. */
  adopt(token: string): OutboxItem[] {
    if (token !== this.token) this.items.clear();
    this.token = token;
    const kept = parse(load(this.key));
    if (kept?.token === token) {
      for (const item of kept.items) if (!this.items.has(item.input.clientMessageId)) this.items.set(item.input.clientMessageId, item);
    }
    this.persist();
    return [...this.items.values()];
  }

  add(item: OutboxItem): void {
    this.items.set(item.input.clientMessageId, item);
    this.persist();
  }

  done(clientMessageId: string): void {
    if (this.items.delete(clientMessageId)) this.persist();
  }

  private persist(): void {
    if (this.items.size && this.token) save(this.key, JSON.stringify({ token: this.token, items: [...this.items.values()] }));
    else drop(this.key);
  }
}

function parse(raw: string | null): { token: string; items: OutboxItem[] } | null {
  try {
    const v = JSON.parse(raw ?? "null") as { token?: unknown; items?: unknown } | null;
    if (!v || typeof v.token !== "string" || !Array.isArray(v.items)) return null;
    const items = (v.items as OutboxItem[]).filter((i) => typeof i?.display === "string" && typeof i.input?.clientMessageId === "string");
    return { token: v.token, items };
  } catch {
    return null;
  }
}
