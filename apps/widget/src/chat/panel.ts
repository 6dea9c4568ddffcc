import { colorKey, inkOf, paint } from "../color";
import { h } from "../dom";
import { save } from "./storage";
import { T } from "./texts";
import type { WidgetTheme } from "./types";

/**
 * At this width, or on a phone page laid out wider than the screen (the loader's data-phone), the
 * panel covers the page (styles.ts), so it is modal: for screen readers and for Tab.
 */
const fullScreen = (panel: HTMLElement): boolean => matchMedia("(max-width:480px)").matches || ((panel.getRootNode() as ShadowRoot).host?.hasAttribute("data-phone") ?? false);

/** What Tab stops at in the panel, in order (what is hidden or disabled aside). */
const TABBABLE = "button:not(:disabled),textarea:not(:disabled),input:not(:disabled),a[href],iframe,[tabindex='0']";

/** The panel skeleton: header, reconnect banner, message list, typing indicator, consent slot, error, composer. */
export function createPanel(onClose: () => void) {
  const title = h("strong", { id: "vf-title" }, T.panel);
  const subtitle = h("span");
  const logo = h("img", { alt: "", hidden: true });
  logo.onerror = () => (logo.hidden = true);
  const close = h("button", { type: "button", class: "vf-x", "aria-label": T.close, title: T.close, "data-testid": "vf-close" }, "×");
  close.addEventListener("click", onClose);

  const banner = h("div", { class: "vf-banner", role: "status", "data-testid": "vf-reconnecting", hidden: true }, T.reconnecting);
  const list = h("div", { class: "vf-list", role: "log", "aria-live": "polite", "aria-label": T.messages, tabindex: "0", "data-testid": "vf-messages" });
  const typing = h(
    "div",
    { class: "vf-typing", "data-testid": "vf-typing", role: "status", hidden: true },
    T.typing.replace("…", ""),
    h("span", { class: "vf-dots", "aria-hidden": "true" }, h("i"), h("i"), h("i")),
  );
  // Says how a send went, briefly, where the log alone would not (a failure, a resend, its recovery).
  const status = h("div", { class: "vf-sr", role: "status", "data-testid": "vf-send-status" });
  const consentSlot = h("div", { class: "vf-slot" });
  const error = h("div", { class: "vf-error", role: "alert", "data-testid": "vf-error", hidden: true });
  const limit = h("div", { class: "vf-error", id: "vf-limit", role: "alert", "data-testid": "vf-limit", hidden: true });
  const input = h("textarea", { rows: "1", "aria-label": T.messageLabel, "aria-describedby": "vf-limit", "data-testid": "vf-input", disabled: true });
  const send = h("button", { type: "button", class: "vf-send", "data-testid": "vf-send", disabled: true }, T.send);

  const panel = h(
    "div",
    // lang: the host page may be in another language (or say none); a screen reader reads pt-BR as such.
    { class: "vf-panel", role: "dialog", lang: "pt-BR", "aria-labelledby": "vf-title", "data-testid": "vf-panel", hidden: true },
    h("div", { class: "vf-head" }, logo, h("div", { class: "vf-title" }, title, subtitle), close),
    banner,
    list,
    typing,
    status,
    consentSlot,
    error,
    limit,
    h("div", { class: "vf-composer" }, input, send),
  );
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
    }
    // Covering the page, the panel keeps the focus: Tab past its last stop comes back to its first
    // (the page behind is out of sight, and was where the focus went).
    if (e.key !== "Tab" || !fullScreen(panel)) return;
    const stops = [...panel.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.getClientRects().length > 0);
    const at = (panel.getRootNode() as ShadowRoot).activeElement;
    const [first, last] = [stops[0], stops[stops.length - 1]];
    if (at === (e.shiftKey ? first : last)) {
      e.preventDefault();
      (e.shiftKey ? last : first)?.focus();
    }
  });

  // The on-screen keyboard shrinks the visual viewport only (iOS Safari; Chrome since 108): covering
  // the layout viewport, the panel would keep its composer under the keys. While it covers the page it
  // follows the visible part instead. A pinch zoom, which narrows the view too, is left alone.
  const followViewport = (): void => {
    const vv = window.visualViewport;
    const host = (panel.getRootNode() as ShadowRoot).host as HTMLElement | undefined;
    const follow = vv && host && !panel.hidden && fullScreen(panel) && vv.width >= document.documentElement.clientWidth - 1;
    if (!follow) {
      panel.style.removeProperty("--vf-vv-top");
      panel.style.removeProperty("--vf-vv-height");
      return;
    }
    // On a shrunk phone page (data-phone) the host is zoomed: its px count that many times over.
    const zoom = Number(getComputedStyle(host).zoom) || 1;
    // The latest line stays in sight above the keyboard, as a messaging app keeps it.
    const stick = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    panel.style.setProperty("--vf-vv-top", `${vv.offsetTop / zoom}px`);
    panel.style.setProperty("--vf-vv-height", `${vv.height / zoom}px`);
    if (stick) list.scrollTop = list.scrollHeight;
  };
  window.visualViewport?.addEventListener("resize", followViewport);
  window.visualViewport?.addEventListener("scroll", followViewport);

  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  return {
    panel,
    /** On opening: modal where it covers the page (a screen reader then stays in it), not beside it; sized to what is visible. */
    opened(): void {
      panel.setAttribute("aria-modal", String(fullScreen(panel)));
      followViewport();
    },
    list,
    consentSlot,
    input,
    send,
    /** Header texts, logo and primary colour (cached for the bubble on later page loads). */
    theme(t: WidgetTheme, host: HTMLElement, publicKey: string): void {
      title.textContent = t.botName || t.name;
      subtitle.textContent = t.botName ? t.name : "";
      if (t.logoUrl && /^https?:/i.test(t.logoUrl)) {
        logo.src = t.logoUrl;
        logo.hidden = false;
      }
      paint(host, t.primaryColor);
      if (!t.primaryColor) return;
      host.style.setProperty("--vf-ink", inkOf(t.primaryColor));
      save(colorKey(publicKey), t.primaryColor);
    },
    connected(on: boolean): void {
      banner.hidden = on;
    },
    /** Typing indicator; hides itself after 20 s in case the "stopped" event is lost. */
    typing(on: boolean): void {
      clearTimeout(typingTimer);
      typing.hidden = !on;
      if (on) typingTimer = setTimeout(() => (typing.hidden = true), 20_000);
    },
    /** A polite word on a send's fate; the same words again are changed a little so they are heard again. */
    announce(msg: string): void {
      status.textContent = status.textContent === msg ? `${msg}\u00a0` : msg;
    },
    error(msg: string | null): void {
      error.textContent = msg ?? "";
      error.hidden = !msg;
    },
    /** `hint`: the disabled composer's placeholder, saying what unlocks it. */
    enable(on: boolean, hint = ""): void {
      input.disabled = send.disabled = !on;
      input.placeholder = on ? T.placeholder : hint;
    },
    /** The text is over the limit (a message saying by how much) or fits again (null). */
    tooLong(msg: string | null): void {
      limit.textContent = msg ?? "";
      limit.hidden = !msg;
      if (msg) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    },
  };
}

export type Panel = ReturnType<typeof createPanel>;
