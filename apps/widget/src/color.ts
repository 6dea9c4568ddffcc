const INK = "#111827";
/** WCAG relative luminance of INK (#111827). */
const INK_LUMINANCE = 0.00919;

const channel = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/**
 * Readable text colour on top of a `#rgb`/`#rrggbb` primary colour: white or near-black, whichever
 * has the higher WCAG contrast with it (a mid-tone green such as #16a34a reads 3.3:1 in white, 5.4:1 in ink).
 */
export function onColor(color: string): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m?.[1]) return "#fff";
  const hex = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
  const n = parseInt(hex, 16);
  const y = 0.2126 * channel(((n >> 16) & 255) / 255) + 0.7152 * channel(((n >> 8) & 255) / 255) + 0.0722 * channel((n & 255) / 255);
  return 1.05 / (y + 0.05) >= (y + 0.05) / (INK_LUMINANCE + 0.05) ? "#fff" : INK;
}

/** Sets the theme variables on the widget host (CSSOM, so no inline-style CSP issue). */
export function paint(host: HTMLElement, color: string | null): void {
  if (!color || !CSS.supports("color", color)) return;
  host.style.setProperty("--vf-primary", color);
  host.style.setProperty("--vf-on-primary", onColor(color));
}

/** localStorage key caching the theme colour, so the bubble has the tenant colour on later visits. */
export const colorKey = (publicKey: string): string => `vendaflow:${publicKey}:color`;
