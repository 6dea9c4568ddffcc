const INK = "#111827";
/** WCAG relative luminance of INK (#111827). */
const INK_LUMINANCE = 0.00919;

const channel = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = (r: number, g: number, b: number) => 0.2126 * channel(r / 255) + 0.7152 * channel(g / 255) + 0.0722 * channel(b / 255);

/** `#rgb`/`#rrggbb` → [r, g, b], or null. */
function rgbOf(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m?.[1]) return null;
  const n = parseInt(m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Readable text colour on top of a `#rgb`/`#rrggbb` primary colour: white or near-black, whichever
 * has the higher WCAG contrast with it (a mid-tone green such as #16a34a reads 3.3:1 in white, 5.4:1 in ink).
 */
export function onColor(color: string): string {
  const c = rgbOf(color);
  if (!c) return "#fff";
  const y = luminance(...c);
  return 1.05 / (y + 0.05) >= (y + 0.05) / (INK_LUMINANCE + 0.05) ? "#fff" : INK;
}

/**
 * The primary colour as text on the panel's light backgrounds (option buttons, links): itself when
 * it reads 4.5:1 there, else darkened until it does (the dashboard's `text-brand-ink`). A green
 * #16a34a is 3.3:1 on white; a yellow brand far less.
 */
export function inkOf(color: string): string {
  const c = rgbOf(color);
  if (!c) return INK;
  // 4.8:1 on white is 4.6:1 on the message list's #f9fafb.
  for (let k = 1; k > 0; k -= 0.04) if (1.05 / (luminance(c[0] * k, c[1] * k, c[2] * k) + 0.05) >= 4.8) return `rgb(${c.map((v) => Math.round(v * k)).join(",")})`;
  return INK;
}

/** Sets the theme variables on the widget host (CSSOM, so no inline-style CSP issue). */
export function paint(host: HTMLElement, color: string | null): void {
  if (!color || !CSS.supports("color", color)) return;
  host.style.setProperty("--vf-primary", color);
  host.style.setProperty("--vf-on-primary", onColor(color));
}

/** localStorage key caching the theme colour, so the bubble has the tenant colour on later visits. */
export const colorKey = (publicKey: string): string => `vendaflow:${publicKey}:color`;
