/**
 * chat.js — the chat panel, loaded by loader.js on the first click on the bubble. Registers
 * `window.__vendaflowChat.mount(shadowRoot, config)` (see ../shared.ts) and talks to
 * {origin}/api/widget/{start,consent,send,messages,stream}.
 */
import { addStyles, h } from "../dom";
import type { ChatApi, ChatConfig, ChatHandle } from "../shared";
import { ApiError, createApi } from "./api";
import { wireComposer } from "./composer";
import { renderConsent } from "./consent";
import { clientMessageId } from "./id";
import { MessageList } from "./messages";
import { createPanel } from "./panel";
import { Outbox } from "./outbox";
import { drop, load, outboxKey, save, tokenKey } from "./storage";
import { openStream } from "./stream";
import { CSS } from "./styles";
import { T, tooLong } from "./texts";
import type { SendInput, StartOutput, WidgetMessage } from "./types";

function mount(root: ShadowRoot, config: ChatConfig): ChatHandle {
  const host = root.host as HTMLElement;
  const { publicKey } = config;
  const key = tokenKey(publicKey);
  const api = createApi(config.origin);
  const ui = createPanel(() => setOpen(false));
  const list = new MessageList(ui.list, {
    // The copy shows what the server stores for the option (its text), so the echo matches it.
    onOption: (_m, o) => {
      send({ optionId: o.id }, o.text);
      // The option pressed is now disabled, which drops the focus out of the chat: the log takes it
      // (not the composer, which would raise a phone's keyboard), so Tab reaches the next choices.
      // (The browser drops it only at its next rendering: the pressed button still holds it here.)
      const at = root.activeElement as HTMLButtonElement | null;
      if (!at || at.disabled) ui.list.focus({ preventScroll: true });
    },
    onRetry: retry,
  });
  const grow = wireComposer(
    ui.input,
    ui.send,
    (text) => send({ text }, text),
    (over) => ui.tooLong(over > 0 ? tooLong(over) : null),
  );
  addStyles(root, CSS);
  root.append(ui.panel);
  // The browser says the network is back (the stream may not have noticed it was gone).
  addEventListener("online", () => resendUnsent());

  let isOpen = false;
  /** Set once a session start is under way or done; cleared to start over. */
  let starting = false;
  let token = "";
  let stopStream: (() => void) | undefined;
  /** Failed for want of a connection: sent again once it is back (the feed reconnects, or the browser says so). */
  const unsent = new Set<string>();
  /** Failed once: its eventual success is announced (a first-time send is heard in the log alone). */
  const retried = new Set<string>();
  /** Sends go one at a time, so the server stores the lead's messages in the order they were written. */
  let queue = Promise.resolve();
  /** What the server has not confirmed yet, kept across a reload (outbox.ts). */
  const outbox = new Outbox(outboxKey(publicKey));

  function setOpen(open: boolean): void {
    if (open === isOpen) return;
    isOpen = open;
    ui.panel.hidden = !open;
    if (open) ui.opened();
    config.onOpenChange(open);
    if (!open) return;
    if (!starting) void start();
    focus();
  }

  /** Composer when usable, else the consent button, else the close button. */
  function focus(): void {
    const target = ui.input.disabled ? (ui.consentSlot.querySelector("button") ?? ui.panel.querySelector<HTMLElement>(".vf-x")) : ui.input;
    target?.focus();
  }

  function note(text: string, action?: () => void): void {
    list.clear();
    const el = h("div", { class: "vf-note", role: "status" }, text);
    if (action) {
      const b = h("button", { type: "button", class: "vf-retry" }, T.retry);
      b.addEventListener("click", action);
      el.append(h("br"), b);
    }
    ui.list.append(el);
  }

  /** Session start (or restart after the token was rejected). */
  async function start(): Promise<void> {
    starting = true;
    stopStream?.();
    stopStream = undefined;
    ui.enable(false);
    ui.typing(false);
    ui.consentSlot.textContent = "";
    note(T.loading);
    const saved = load(key) ?? undefined;
    let out: StartOutput;
    try {
      try {
        out = await api.start(publicKey, saved);
      } catch (e) {
        // A stale/foreign token: start a fresh visitor rather than locking them out.
        if (!saved || !(e instanceof ApiError) || e.status < 400 || e.status >= 500 || e.status === 429) throw e;
        drop(key);
        out = await api.start(publicKey);
      }
    } catch (e) {
      note(e instanceof ApiError ? e.message : T.generic, () => void start());
      return;
    }
    token = out.visitorToken;
    save(key, token);
    ui.theme(out.theme, host, publicKey);
    list.clear();
    for (const m of out.messages) list.add(m);
    if (out.consented) ready();
    else {
      ui.enable(false, T.consentFirst);
      const { version } = out.consent;
      ui.consentSlot.append(
        renderConsent(out.consent, out.privacyUrl, async (marketing) => {
          ui.error(null);
          try {
            await api.consent(token, { version, service: true, marketing });
          } catch (e) {
            fail(e);
            throw e;
          }
          ui.consentSlot.textContent = "";
          ready();
          if (isOpen) focus();
        }),
      );
    }
    if (isOpen && (!root.activeElement || root.activeElement.matches(".vf-x"))) focus();
  }

  /** Consent given: unlock the composer, send what an earlier page left unsent, go real-time. */
  function ready(): void {
    ui.enable(true);
    // One whose answer was lost (the tab closed mid-send) may be in the history already: done.
    // The others are sent again before they are shown; one that fails again is shown as failed,
    // with its retry.
    for (const { input, display } of outbox.adopt(token)) {
      const cid = input.clientMessageId;
      if (list.holds(cid)) outbox.done(cid);
      else if (!list.pendingInput(cid)) void deliver(input, display);
    }
    stopStream = openStream({
      url: () => api.streamUrl(token, list.cursor),
      poll: () => api.messages(token, list.cursor),
      onMessage: incoming,
      onTyping: ui.typing,
      onConnected: (on) => {
        ui.connected(on);
        if (on) resendUnsent();
      },
    });
  }

  function incoming(m: WidgetMessage): void {
    if (!list.add(m)) return;
    if (m.clientMessageId !== undefined) {
      // Stored: not to be sent again, whatever the send's own answer was.
      outbox.done(m.clientMessageId);
      unsent.delete(m.clientMessageId);
    }
    if (m.sender === "lead") return;
    if (m.sender !== "system") ui.typing(false);
    if (!isOpen) config.onUnread();
  }

  function send(body: { text: string } | { optionId: string }, display: string): void {
    // The same text again after a failure is that message sent again, not a second copy of it.
    const failed = "text" in body ? list.failedWithText(body.text) : undefined;
    if (failed) return retry(failed);
    const input = { clientMessageId: clientMessageId(), ...body } as SendInput;
    list.addPending(input, display);
    outbox.add({ input, display });
    void deliver(input);
  }

  /** `unshown`: the text of a message kept from an earlier page, shown only if it fails again. */
  function deliver(input: SendInput, unshown?: string): Promise<void> {
    return (queue = queue.then(() => attempt(input, unshown)));
  }

  async function attempt(input: SendInput, unshown?: string): Promise<void> {
    const cid = input.clientMessageId;
    unsent.delete(cid);
    try {
      const { message } = await api.send(token, input);
      outbox.done(cid);
      list.confirm(cid, message);
      ui.error(null);
      if (retried.delete(cid)) ui.announce(T.sent);
    } catch (e) {
      if (list.holds(cid)) return; // the stream showed it stored meanwhile
      if (unshown !== undefined && !list.pendingInput(cid)) list.addPending(input, unshown);
      list.setPending(cid, "failed");
      retried.add(cid);
      ui.announce(T.notSent);
      // No answer (offline, timed out) or a gateway's: worth sending again. A refusal is not.
      if (e instanceof ApiError && (e.status === 0 || (e.status >= 502 && e.status <= 504))) unsent.add(cid);
      // A refusal is final: kept, it would fail again after a reload. A limit or a lapsed token is not.
      else if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429) outbox.done(cid);
      // Keep the text at hand: back in the composer (unless the visitor is already typing more).
      if (input.text && !ui.input.value) {
        ui.input.value = input.text;
        grow();
      }
      fail(e);
    }
  }

  /** The connection is back: what failed for want of it goes again, oldest first. */
  function resendUnsent(): void {
    for (const cid of list.failed()) if (unsent.has(cid)) retry(cid);
  }

  /** "Tentar novamente": same clientMessageId, so the server stores it once. */
  function retry(cid: string): void {
    const input = list.pendingInput(cid);
    if (!input) return;
    if ("text" in input && ui.input.value.trim() === input.text) {
      ui.input.value = "";
      grow();
    }
    list.setPending(cid, "sending");
    ui.announce(T.resending);
    void deliver(input);
  }

  function fail(e: unknown): void {
    if (e instanceof ApiError && e.status === 401) {
      // Token expired or revoked: new session (history follows the server's rules).
      drop(key);
      void start().then(() => ui.error(T.expired));
      return;
    }
    ui.error(e instanceof ApiError ? e.message : T.generic);
  }

  return { open: () => setOpen(true), close: () => setOpen(false) };
}

const chat: ChatApi = { mount };
window.__vendaflowChat ??= chat;
