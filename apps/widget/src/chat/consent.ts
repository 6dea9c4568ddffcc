import { h } from "../dom";
import { richText } from "./render";
import { T } from "./texts";
import type { WidgetConsentText } from "./types";

/**
 * LGPD notice shown before the first message: the service text (accepting it is required to chat)
 * and a separate, optional, unchecked marketing opt-in. `onAccept` rejects to keep the notice up.
 */
export function renderConsent(c: WidgetConsentText, privacyUrl: string, onAccept: (marketing: boolean) => Promise<void>): HTMLElement {
  const marketing = h("input", { type: "checkbox", "data-testid": "vf-consent-marketing" });
  const accept = h("button", { type: "button", class: "vf-accept", "data-testid": "vf-consent-accept" }, T.accept);
  const box = h(
    "div",
    { class: "vf-consent", role: "region", "aria-label": T.consentTitle, "data-testid": "vf-consent" },
    h("h2", null, T.consentTitle),
    h("p", null, richText(c.service)),
    // The company's own notice and encarregado (LGPD art. 9 and 41), on its privacy page.
    h("a", { href: privacyUrl, class: "vf-privacy", target: "_blank", rel: "noopener noreferrer", "data-testid": "vf-privacy-link" }, T.privacyPage),
    c.marketing && h("label", { class: "vf-check" }, marketing, h("span", null, richText(c.marketing))),
    accept,
  );
  accept.addEventListener("click", () => {
    accept.disabled = true;
    onAccept(marketing.checked).catch(() => (accept.disabled = false));
  });
  return box;
}
