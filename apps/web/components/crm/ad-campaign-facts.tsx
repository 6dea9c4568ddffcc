import { whatsappAds as adsText } from "@/lib/i18n/pt-br/whatsapp-ads";

const t = { whatsappAds: adsText };

/** The click-to-WhatsApp ad a lead came from (core/leads/campaign.ts LeadCampaign). */
export interface AdCampaign {
  sourceId: string | null;
  sourceType: string | null;
  headline: string | null;
  sourceUrl: string | null;
  ctwaClid: string | null;
}

export const adKind = (c: AdCampaign) => (c.sourceType === "post" ? t.whatsappAds.post : t.whatsappAds.ad);
export const adName = (c: AdCampaign) => c.headline ?? (c.sourceId ? t.whatsappAds.unnamed(c.sourceId) : adKind(c));

/** The ad's facts for the lead page: headline, ad id, click id and link (no icon: the page's budget). */
export function AdCampaignFacts({ campaign }: { campaign: AdCampaign }) {
  return (
    <div className="space-y-0.5" data-testid="lead-ad" data-ad-id={campaign.sourceId ?? ""}>
      <div className="font-medium">{adName(campaign)}</div>
      {campaign.sourceId ? (
        <div className="text-xs text-muted-foreground">
          {t.whatsappAds.adId}: <span className="tabular-nums">{campaign.sourceId}</span>
        </div>
      ) : null}
      {campaign.ctwaClid ? <div className="truncate text-xs text-muted-foreground" title={campaign.ctwaClid}>{t.whatsappAds.clickId}: {campaign.ctwaClid}</div> : null}
      {campaign.sourceUrl ? (
        <a className="text-xs text-brand-ink hover:underline" href={campaign.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
          {t.whatsappAds.openAd}
        </a>
      ) : null}
    </div>
  );
}
