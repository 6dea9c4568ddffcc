/**
 * The click-to-WhatsApp ad a lead came from, as the inbox and the lead page show it, read from
 * leads.source_details.campaign (conversations/whatsapp-content.ts `campaignOf` writes it from
 * Meta's `referral`). Only strings are kept; the ad's link only when it is http(s), so a stored
 * value can never become a `javascript:` link.
 */
export interface LeadCampaign {
  /** Meta's ad or post id (referral.source_id). */
  sourceId: string | null;
  /** "ad" or "post". */
  sourceType: string | null;
  headline: string | null;
  body: string | null;
  /** The ad's public link (fb.me / instagram.com…). */
  sourceUrl: string | null;
  /** The click id Meta's Conversions API matches a purchase to. */
  ctwaClid: string | null;
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

function httpUrl(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

export function leadCampaign(sourceDetails: unknown): LeadCampaign | null {
  const c = sourceDetails && typeof sourceDetails === "object" ? (sourceDetails as { campaign?: unknown }).campaign : null;
  if (!c || typeof c !== "object" || Array.isArray(c)) return null;
  const r = c as Record<string, unknown>;
  const out: LeadCampaign = { sourceId: str(r.sourceId), sourceType: str(r.sourceType), headline: str(r.headline), body: str(r.body), sourceUrl: httpUrl(r.sourceUrl), ctwaClid: str(r.ctwaClid) };
  return out.sourceId || out.headline || out.ctwaClid ? out : null;
}
