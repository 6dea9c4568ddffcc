import { z } from "zod";
export { previewTemplate } from "./plain/whatsapp-templates";

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
/** "Testar conexão": the inbox whose number and token Meta is asked about. */
export const checkConnectionInput = z.object({ inboxId: z.uuid() });

/** How many {{n}} placeholders a body uses (the highest n). */
export function placeholderCount(body: string | null | undefined): number {
  let max = 0;
  for (const m of (body ?? "").matchAll(/\{\{\s*(\d+)\s*\}\}/g)) max = Math.max(max, Number(m[1]));
  return Math.min(max, 100);
}
