import { z } from "zod";

/** A template as the inbox settings list it (whatsapp_templates). */
export interface WhatsAppTemplateView {
  id: string;
  name: string;
  language: string;
  category: string | null;
  status: string;
  reason: string | null;
  bodyText: string | null;
  paramCount: number;
}

export const syncTemplatesInput = z.object({ inboxId: z.uuid() });
export const listTemplatesInput = z.object({ inboxId: z.uuid() });

/** {{1}}, {{2}}… of a template body replaced by the given values (missing ones stay visible). */
export function previewTemplate(body: string, params: string[]): string {
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => params[Number(n) - 1] ?? whole);
}

/** How many {{n}} placeholders a body uses (the highest n). */
export function placeholderCount(body: string | null | undefined): number {
  let max = 0;
  for (const m of (body ?? "").matchAll(/\{\{\s*(\d+)\s*\}\}/g)) max = Math.max(max, Number(m[1]));
  return Math.min(max, 100);
}
