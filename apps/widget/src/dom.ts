/** Tiny DOM helpers shared by loader and chat (each bundle gets its own copy of what it uses). */

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** `h("button", { class: "x", "aria-label": "Fechar" }, "×")`. `false`/`undefined` attributes are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const k in attrs) {
    const v = attrs[k];
    if (v !== undefined && v !== false) el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

/**
 * Styles go into the shadow root as a constructed stylesheet when supported (not subject to the
 * host page's CSP `style-src`), else as a `<style>` element. Nothing leaks out either way.
 */
export function addStyles(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    root.append(h("style", null, css));
  }
}

/** Safe localStorage access: it throws in sandboxed iframes and some private modes. */
export function load(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
