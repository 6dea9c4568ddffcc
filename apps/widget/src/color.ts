/** Readable text colour (white or near-black) on top of a `#rgb`/`#rrggbb` primary colour. */
export function onColor(color: string): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m?.[1]) return "#fff";
  const hex = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
  const n = parseInt(hex, 16);
  const luma = ((n >> 16) & 255) * 0.299 + ((n >> 8) & 255) * 0.587 + (n & 255) * 0.114;
  return luma > 165 ? "#111827" : "#fff";
}

/** Sets the theme variables on the widget host (CSSOM, so no inline-style CSP issue). */
export function paint(host: HTMLElement, color: string | null): void {
  if (!color || !CSS.supports("color", color)) return;
  host.style.setProperty("--vf-primary", color);
  host.style.setProperty("--vf-on-primary", onColor(color));
}

/** localStorage key caching the theme colour, so the bubble has the tenant colour on later visits. */
export const colorKey = (publicKey: string): string => `vendaflow:${publicKey}:color`;
