import { analytics } from "@/lib/i18n/pt-br/analytics";

const c = analytics.charts.sources;

/** A lead source's pt-BR name; a click-to-WhatsApp ad's row is named by its headline (else its id). */
export function sourceLabel(s: { source: string; campaign?: { id: string; label: string | null } }): string {
  return s.campaign ? c.ad(s.campaign.label, s.campaign.id) : (c.labels[s.source] ?? s.source);
}
