import { h } from "../dom";
import { MEDIA, T } from "./texts";
import type { WidgetMessage, WidgetOption } from "./types";

/** Text (never HTML) with http(s) URLs turned into links that open in a new tab. */
export function richText(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g)) {
    const i = m.index ?? 0;
    frag.append(text.slice(last, i), h("a", { href: m[0], target: "_blank", rel: "noopener noreferrer nofollow" }, m[0]));
    last = i + m[0].length;
  }
  frag.append(text.slice(last));
  return frag;
}

/** What a message shows: its text, or a placeholder such as "[imagem]" (plus caption) for media. */
export function messageText(m: WidgetMessage): string {
  const media = MEDIA[m.contentType];
  if (media) return m.text ? `${media} ${m.text}` : media;
  return m.text ?? (m.contentType === "text" ? "" : T.unsupported);
}

const day = (d: Date, timeZone?: string): string => d.toLocaleDateString("pt-BR", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" });

/**
 * When a message was sent, in the lead's own time zone (the browser's, unless `timeZone`): the time
 * alone today, "ontem, 14:05", "03/12, 14:05" this year, "03/12/2025, 14:05" before. A lead coming
 * back days later must not read yesterday's "14:05" as today's.
 */
export function stamp(iso: string, now: Date, timeZone?: string): string {
  const d = new Date(iso);
  if (isNaN(d.getTime())) return "";
  const time = d.toLocaleTimeString("pt-BR", { timeZone, hour: "2-digit", minute: "2-digit" });
  const date = day(d, timeZone);
  if (date === day(now, timeZone)) return time;
  if (date === day(new Date(now.getTime() - 86_400_000), timeZone)) return `${T.yesterday}, ${time}`;
  return `${date.slice(-4) === day(now, timeZone).slice(-4) ? date.slice(0, 5) : date}, ${time}`;
}

export interface RenderState {
  /** Optimistic lead message: "sending" until the server answers, "failed" offers a retry. */
  pending?: "sending" | "failed";
  /** Options already answered (clicked, or a later lead message exists). */
  answered?: boolean;
  onOption?(option: WidgetOption): void;
  onRetry?(): void;
}

/** One message row (`data-testid="vf-message"`, `data-sender`). */
export function renderMessage(m: WidgetMessage, s: RenderState): HTMLElement {
  const cls = `vf-msg vf-${m.sender}${s.pending ? ` vf-${s.pending}` : ""}`;
  const row = h("div", { class: cls, "data-testid": "vf-message", "data-sender": m.sender, "data-seq": s.pending ? undefined : String(m.seq) });
  const who = T.who[m.sender];
  if (who) row.append(h("span", { class: "vf-sr" }, who));
  // A booking offer's long link (prefilled with the lead's name and e-mail) is its button here.
  const text = m.booking ? messageText(m).replace(m.booking.url, "").trim() : messageText(m);
  row.append(h("div", { class: "vf-text" }, richText(text)));

  if (m.options?.length) {
    // Named by the question it answers, so a screen reader says what the choices are for.
    const box = h("div", { class: "vf-options", role: "group", "aria-label": text || T.options, "data-testid": "vf-options" });
    for (const opt of m.options) {
      const b = h("button", { type: "button", class: "vf-option", "data-testid": "vf-option", "data-option-id": opt.id, title: opt.text, disabled: !!s.answered }, opt.label);
      b.addEventListener("click", () => {
        disableOptions(row);
        s.onOption?.(opt);
      });
      box.append(b);
    }
    row.append(box);
  }

  // The scheduling page loads only when asked for, inside the panel: nothing more on first load.
  if (m.booking) {
    const url = m.booking.url;
    const open = h("button", { type: "button", class: "vf-option vf-book", "data-testid": "vf-book" }, m.booking.label ?? T.book);
    open.addEventListener("click", () => {
      const frame = h("iframe", { class: "vf-embed", src: embedUrl(url), title: T.book, "data-testid": "vf-embed", loading: "lazy" });
      // A page that refuses to be framed (or too cramped on a phone) still opens in a tab.
      const tab = /^https?:\/\//.test(url) && h("a", { href: url, class: "vf-open", target: "_blank", rel: "noopener noreferrer", "data-testid": "vf-booking-tab" }, T.openBooking);
      open.replaceWith(frame, tab || "");
    });
    row.append(open);
  }

  if (s.pending === "failed") {
    const retry = h("button", { type: "button", class: "vf-retry", "data-testid": "vf-retry" }, T.retry);
    retry.addEventListener("click", () => s.onRetry?.());
    // No role="alert" here: the send status (panel.announce) and the error line already say it.
    row.append(h("div", { class: "vf-meta" }, `${T.failed} `, retry));
  } else if (m.sender !== "system" && !s.pending) {
    const t = stamp(m.createdAt, new Date());
    if (t) row.append(h("div", { class: "vf-meta" }, h("time", { datetime: m.createdAt }, t)));
  }
  return row;
}

/** Calendly's inline embed reads embed_domain / embed_type; other pages open as they are. */
function embedUrl(url: string): string {
  if (!/^https?:\/\//.test(url)) return "about:blank";
  return /calendly\.com\//.test(url) ? `${url}${url.includes("?") ? "&" : "?"}embed_type=Inline&embed_domain=${encodeURIComponent(location.host)}` : url;
}

export function disableOptions(row: Element): void {
  for (const b of row.querySelectorAll<HTMLButtonElement>(".vf-option")) b.disabled = true;
}
