import { disableOptions, renderMessage } from "./render";
import type { SendInput, WidgetMessage, WidgetOption } from "./types";

interface Entry {
  msg: WidgetMessage;
  el: HTMLElement;
  /** Set while the message is an optimistic lead message. */
  pending?: { input: SendInput; state: "sending" | "failed" };
}

export interface ListHandlers {
  onOption(message: WidgetMessage, option: WidgetOption): void;
  onRetry(clientMessageId: string): void;
}

/**
 * The message list: ordered by seq (optimistic messages last), deduped by id and seq, and the
 * resume cursor (`after`) for stream/poll — advanced only by feed messages (start, stream, poll),
 * never by a send answer, so a reconnect cannot skip a message still in flight.
 */
export class MessageList {
  private entries: Entry[] = [];
  private ids = new Set<string>();
  private seqs = new Set<number>();
  private pendings = new Map<string, Entry>();
  /** clientMessageIds of the stored lead messages shown. */
  private stored = new Set<string>();
  cursor = 0;

  constructor(
    readonly el: HTMLElement,
    private h: ListHandlers,
  ) {}

  clear(): void {
    this.entries = [];
    this.ids.clear();
    this.seqs.clear();
    this.pendings.clear();
    this.stored.clear();
    this.cursor = 0;
    this.el.textContent = "";
  }

  /** Adds a server message; returns false if it was already shown. */
  add(m: WidgetMessage, feed = true): boolean {
    if (feed && m.seq > this.cursor) this.cursor = m.seq;
    if (this.ids.has(m.id) || this.seqs.has(m.seq)) return false;
    // The stream may bring our own message before /send answers, or after a send that timed out
    // here but was stored: the optimistic copy (sending or failed) becomes the stored message.
    const mine = m.clientMessageId !== undefined ? this.pendings.get(m.clientMessageId) : undefined;
    if (mine) {
      this.pendings.delete(m.clientMessageId!);
      this.replace(mine, m);
    } else this.insert({ msg: m, el: this.draw(m) });
    return true;
  }

  /** Whether the stored message of this send is shown (it reached the server). */
  holds(cid: string): boolean {
    return this.stored.has(cid);
  }

  /** Shows an optimistic lead message. */
  addPending(input: SendInput, text: string): void {
    const msg: WidgetMessage = { id: input.clientMessageId, seq: Infinity, sender: "lead", contentType: "text", text, createdAt: new Date().toISOString() };
    const e: Entry = { msg, el: document.createElement("div"), pending: { input, state: "sending" } };
    e.el = this.draw(msg, e);
    this.pendings.set(input.clientMessageId, e);
    this.insert(e);
  }

  pendingInput(cid: string): SendInput | undefined {
    return this.pendings.get(cid)?.pending?.input;
  }

  /** Client ids of the messages that failed to send, oldest first (the order they were sent). */
  failed(): string[] {
    return [...this.pendings].filter(([, e]) => e.pending?.state === "failed").map(([cid]) => cid);
  }

  /** The failed message showing this text, if any: typing it again resends it instead of a copy. */
  failedWithText(text: string): string | undefined {
    for (const [cid, e] of this.pendings) if (e.pending?.state === "failed" && e.msg.text === text) return cid;
    return undefined;
  }

  /** /send answered: the optimistic copy becomes the stored message (or goes, if already shown). */
  confirm(cid: string, m: WidgetMessage): void {
    const e = this.pendings.get(cid);
    if (!e) return void this.add(m, false);
    this.pendings.delete(cid);
    if (this.ids.has(m.id) || this.seqs.has(m.seq)) return this.remove(e);
    this.replace(e, m);
  }

  setPending(cid: string, state: "sending" | "failed"): void {
    const e = this.pendings.get(cid);
    if (!e?.pending) return;
    e.pending.state = state;
    const el = this.draw(e.msg, e);
    e.el.replaceWith(el);
    e.el = el;
    if (state === "failed") this.scroll(true);
  }

  /** Drops optimistic messages that can no longer be sent (new session). */
  dropPending(cid: string): void {
    const e = this.pendings.get(cid);
    if (e) {
      this.pendings.delete(cid);
      this.remove(e);
    }
  }

  private draw(m: WidgetMessage, e?: Entry): HTMLElement {
    const cid = e?.pending?.input.clientMessageId;
    return renderMessage(m, {
      pending: e?.pending?.state,
      answered: this.answered(m.seq),
      onOption: (o) => this.h.onOption(m, o),
      onRetry: cid ? () => this.h.onRetry(cid) : undefined,
    });
  }

  /**
   * A bot question is answered once a stored lead message comes after it. An optimistic one (seq
   * Infinity) answers only the questions shown before it, which insert() disables; a question the
   * stream delivers while /send is still in flight stays open.
   */
  private answered(seq: number): boolean {
    return this.entries.some((e) => e.msg.sender === "lead" && !e.pending && e.msg.seq > seq);
  }

  private replace(e: Entry, m: WidgetMessage): void {
    this.remove(e);
    this.insert({ msg: m, el: this.draw(m) });
  }

  private remove(e: Entry): void {
    this.entries = this.entries.filter((x) => x !== e);
    e.el.remove();
  }

  private insert(e: Entry): void {
    const list = this.el;
    const stick = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    const { msg } = e;
    if (msg.seq !== Infinity) {
      this.ids.add(msg.id);
      this.seqs.add(msg.seq);
      if (msg.clientMessageId !== undefined) this.stored.add(msg.clientMessageId);
    }
    let i = this.entries.findIndex((x) => x.msg.seq > msg.seq);
    if (i < 0) i = this.entries.length;
    list.insertBefore(e.el, this.entries[i]?.el ?? null);
    this.entries.splice(i, 0, e);
    if (msg.sender === "lead") for (const x of this.entries.slice(0, i)) if (x.msg.options) disableOptions(x.el);
    this.scroll(stick || msg.sender === "lead");
  }

  private scroll(force: boolean): void {
    if (force) this.el.scrollTop = this.el.scrollHeight;
  }
}
