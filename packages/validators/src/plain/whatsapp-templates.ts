// whatsapp-templates.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// whatsapp-templates.ts re-exports them; the schemas there are built from them.

/** {{1}}, {{2}}… of a template body replaced by the given values (missing ones stay visible). */
export function previewTemplate(body: string, params: string[]): string {
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => params[Number(n) - 1] ?? whole);
}
