/**
 * loader.js — the tiny script tenants paste on their site:
 *
 *   <script async src="https://acme.vendaflow.com.br/widget/v1/loader.js" data-inbox="pk_…"></script>
 *
 * It only renders the floating bubble (open shadow root, styles inside). Nothing but this file is
 * fetched until the visitor first clicks the bubble; then chat.js (same origin and path) is
 * injected and mounts the panel into the same shadow root.
 */
import { colorKey, paint } from "./color";
import { addStyles, h, load } from "./dom";
import type { ChatApi, ChatHandle } from "./shared";

/** Content hash of chat.js, injected by build.mjs (cache-busting query string). */
declare const __VF_CHAT_VERSION__: string;

const TAG = "vendaflow-widget";
const NS = "http://www.w3.org/2000/svg";

/** Inline SVG icon (built with DOM calls, not innerHTML: fine under Trusted Types CSPs). */
function icon(cls: string, d: string): SVGSVGElement {
  const svg = document.createElementNS(NS, "svg");
  const attrs: Record<string, string> = { class: cls, viewBox: "0 0 24 24", width: "26", height: "26", fill: "none", stroke: "currentColor", "stroke-width": "2", "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true" };
  for (const k in attrs) svg.setAttribute(k, attrs[k] ?? "");
  const path = document.createElementNS(NS, "path");
  path.setAttribute("d", d);
  svg.append(path);
  return svg;
}

const CSS = `:host{all:initial}
.vf-bubble{position:fixed;right:20px;bottom:var(--vf-bottom,20px);z-index:2147483000;width:56px;height:56px;padding:0;border:0;border-radius:50%;display:grid;place-items:center;cursor:pointer;background:var(--vf-primary,#2563eb);color:var(--vf-on-primary,#fff);box-shadow:0 6px 20px rgba(0,0,0,.22);transition:transform .15s}
.vf-bubble:hover{transform:scale(1.06)}
.vf-bubble:focus-visible{outline:3px solid var(--vf-primary,#2563eb);outline-offset:3px}
.vf-bubble[aria-busy=true]{cursor:progress;opacity:.8}
.vf-bubble svg{grid-area:1/1}
.vf-i-close,.vf-bubble[aria-expanded=true] .vf-i-chat{display:none}
.vf-bubble[aria-expanded=true] .vf-i-close{display:block}
:host([data-unread]) .vf-bubble::after{content:"";position:absolute;top:2px;right:2px;width:12px;height:12px;border-radius:50%;background:#ef4444;border:2px solid #fff}
@media (max-width:480px){.vf-bubble[aria-expanded=true]{display:none}}
:host([data-phone]) .vf-bubble[aria-expanded=true]{display:none}
:host([data-side=left]) .vf-bubble{right:auto;left:20px}
.vf-tip{position:fixed;right:20px;bottom:calc(var(--vf-bottom,20px) + 66px);z-index:2147483000;max-width:min(260px,calc(100vw - 40px));padding:8px 12px;border-radius:8px;background:#111827;color:#fff;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;box-shadow:0 4px 14px rgba(0,0,0,.2)}
.vf-tip:empty{display:none}
:host([data-side=left]) .vf-tip{right:auto;left:20px}
@media (prefers-reduced-motion:reduce){.vf-bubble{transition:none}}`;

/**
 * A page with no viewport meta is laid out about 980 px wide on a phone and shown shrunk to its
 * screen: the bubble would be a third of its size and the panel not full-screen. The widget is
 * zoomed back by that ratio and marked data-phone (the panel's phone layout), whatever the page.
 */
function fitShrunkPage(host: HTMLElement): void {
  const ratio = document.documentElement.clientWidth / screen.width;
  const shrunk = !document.querySelector('meta[name="viewport"]') && matchMedia("(pointer:coarse)").matches && screen.width <= 480 && ratio > 1.2;
  host.style.setProperty("zoom", shrunk ? String(ratio) : "");
  host.toggleAttribute("data-phone", shrunk);
}

/**
 * Where the snippet asks for the bubble (and the panel above it): data-side="left" moves it to the
 * left corner, data-bottom="80" lifts it (px, 0-400) above a cookie bar or a site's own button.
 */
function placeBubble(host: HTMLElement, options: DOMStringMap): void {
  if (options.side === "left") host.dataset.side = "left";
  const bottom = Number(options.bottom);
  if (options.bottom && Number.isInteger(bottom) && bottom >= 0 && bottom <= 400) host.style.setProperty("--vf-bottom", `${bottom}px`);
}

let chatPromise: Promise<ChatApi> | undefined;

/** The one Trusted Types sink the widget uses (a script's `src`); see TT_POLICY. */
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
declare global {
  interface Window {
    trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy };
  }
}

/**
 * Trusted Types policy name. A host page that enforces Trusted Types
 * (`require-trusted-types-for 'script'`) lists it in its `trusted-types` directive. The policy
 * passes one URL only: the chat.js this loader computed from its own `src` (boot()).
 */
const TT_POLICY = "vendaflow-widget";
let chatUrl = "";
let policy: ScriptUrlPolicy | null | undefined;

/** chat.js's URL as `script.src` takes it: a TrustedScriptURL where the browser has Trusted Types. */
function scriptUrl(src: string): unknown {
  if (policy === undefined) {
    try {
      policy =
        window.trustedTypes?.createPolicy(TT_POLICY, {
          createScriptURL(url) {
            if (url === chatUrl) return url;
            throw new TypeError(`${TT_POLICY}: refused ${url}`);
          },
        }) ?? null;
    } catch {
      // The host's `trusted-types` directive does not allow the name: a plain string still works
      // where Trusted Types are not enforced, or through the host's own default policy.
      policy = null;
    }
  }
  return policy ? policy.createScriptURL(src) : src;
}

/** Injects chat.js once per page; a failed load can be retried by clicking again. */
function loadChat(src: string, nonce: string): Promise<ChatApi> {
  const ready = window.__vendaflowChat;
  if (ready) return Promise.resolve(ready);
  return (chatPromise ??= new Promise<ChatApi>((resolve, reject) => {
    const s = h("script", { async: true });
    const fail = (): void => {
      s.remove();
      chatPromise = undefined;
      reject(new Error("chat.js failed to load"));
    };
    if (nonce) s.nonce = nonce;
    s.onerror = fail;
    s.onload = () => {
      const api = window.__vendaflowChat;
      if (api) resolve(api);
      else fail();
    };
    // Not through h() (setAttribute with a string): under Trusted Types a script's src must be a
    // TrustedScriptURL, and an assignment the host refuses throws here (the click can be retried).
    try {
      (s as { src: unknown }).src = scriptUrl(src);
    } catch {
      return fail();
    }
    document.head.append(s);
  }));
}

class VendaflowWidget extends HTMLElement {
  /** CSP nonce of the loader script, handed to chat.js (kept off the DOM on purpose). */
  declare vfNonce?: string;

  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    const publicKey = this.dataset.inbox ?? "";
    const origin = this.dataset.origin ?? "";
    // lang: the host page may be in another language (or say none); a screen reader reads pt-BR as such.
    const btn = h("button", { type: "button", lang: "pt-BR", class: "vf-bubble", "data-testid": "vf-bubble", "aria-label": "Abrir chat", "aria-expanded": "false", "aria-haspopup": "dialog" });
    btn.append(icon("vf-i-chat", "M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.6A8 8 0 1 1 21 12z"), icon("vf-i-close", "M6 6l12 12M18 6L6 18"));
    addStyles(root, CSS);
    paint(this, load(colorKey(publicKey)));
    // Said when chat.js could not load (offline, server down): a tap that did nothing would read as a broken site.
    const tip = h("div", { class: "vf-tip", role: "status", lang: "pt-BR", "data-testid": "vf-load-error" });
    root.append(btn, tip);
    fitShrunkPage(this);
    addEventListener("resize", () => fitShrunkPage(this));

    let handle: ChatHandle | undefined;
    let open = false;
    const onOpenChange = (next: boolean): void => {
      const wasOpen = open;
      open = next;
      btn.setAttribute("aria-expanded", String(next));
      btn.setAttribute("aria-label", next ? "Fechar chat" : "Abrir chat");
      if (next) this.removeAttribute("data-unread");
      // Focus goes back to the bubble (the panel may have held it: Escape, ×).
      else if (wasOpen) btn.focus();
    };

    // The red dot alone says nothing to a screen reader: the bubble's name says it too.
    const onUnread = (): void => {
      this.setAttribute("data-unread", "");
      btn.setAttribute("aria-label", "Abrir chat (nova mensagem)");
    };

    btn.addEventListener("click", () => {
      if (handle) return open ? handle.close() : handle.open();
      if (btn.getAttribute("aria-busy")) return;
      btn.setAttribute("aria-busy", "true");
      tip.textContent = "";
      loadChat(this.dataset.chat ?? "", this.vfNonce ?? "")
        .then((api) => {
          handle = api.mount(root, { publicKey, origin, onOpenChange, onUnread });
          handle.open();
        })
        .catch(() => (tip.textContent = "Não foi possível abrir o chat. Verifique sua conexão e tente de novo."))
        .then(() => btn.removeAttribute("aria-busy"));
    });
  }
}

function boot(): void {
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="/widget/v1/loader.js"][data-inbox]');
  const publicKey = script?.dataset.inbox;
  if (!script || !publicKey) return;
  const src = new URL(script.src, location.href);
  const nonce = script.nonce ?? "";

  chatUrl = new URL(`chat.js?v=${__VF_CHAT_VERSION__}`, src).href;
  if (!customElements.get(TAG)) customElements.define(TAG, VendaflowWidget);

  const attach = (): void => {
    // The same snippet pasted twice must not create two bubbles.
    for (const el of document.querySelectorAll(TAG)) if ((el as HTMLElement).dataset.inbox === publicKey) return;
    const el = document.createElement(TAG) as VendaflowWidget;
    el.vfNonce = nonce;
    el.dataset.inbox = publicKey;
    el.dataset.origin = src.origin;
    el.dataset.chat = chatUrl;
    placeBubble(el, script.dataset);
    document.body.append(el);
  };
  if (document.body) attach();
  else document.addEventListener("DOMContentLoaded", attach);
}

boot();
