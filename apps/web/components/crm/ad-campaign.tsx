import { Badge } from "@vendaflow/ui/badge";
import { Megaphone } from "lucide-react";
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

const kindOf = (c: AdCampaign) => (c.sourceType === "post" ? t.whatsappAds.post : t.whatsappAds.ad);
const nameOf = (c: AdCampaign) => c.headline ?? (c.sourceId ? t.whatsappAds.unnamed(c.sourceId) : kindOf(c));

/** A compact badge for the inbox header: "Anúncio: <headline>", the ad's link when Meta sent one. */
export function AdCampaignBadge({ campaign }: { campaign: AdCampaign }) {
  const title = [t.whatsappAds.adTitle, campaign.sourceId ? `${t.whatsappAds.adId}: ${campaign.sourceId}` : null].filter(Boolean).join(" · ");
  const label = (
    <>
      <Megaphone aria-hidden="true" />
      <span className="max-w-48 truncate">{kindOf(campaign)}: {nameOf(campaign)}</span>
    </>
  );
  return (
    <Badge variant="outline" title={title} data-testid="lead-ad" data-ad-id={campaign.sourceId ?? ""}>
      {campaign.sourceUrl ? (
        <a className="inline-flex items-center gap-1 hover:underline" href={campaign.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
          {label}
        </a>
      ) : (
        label
      )}
    </Badge>
  );
}

/** The ad's facts for the lead page: headline, ad id, link and click id. */
export function AdCampaignFacts({ campaign }: { campaign: AdCampaign }) {
  return (
    <div className="space-y-0.5" data-testid="lead-ad" data-ad-id={campaign.sourceId ?? ""}>
      <div className="font-medium">{nameOf(campaign)}</div>
      {campaign.sourceId ? (
        <div className="text-xs text-muted-foreground">
          {t.whatsappAds.adId}: <span className="tabular-nums">{campaign.sourceId}</span>
        </div>
      ) : null}
      {campaign.ctwaClid ? <div className="truncate text-xs text-muted-foreground" title={campaign.ctwaClid}>{t.whatsappAds.clickId}: {campaign.ctwaClid}</div> : null}
      {campaign.sourceUrl ? (
        <a className="text-xs text-primary hover:underline" href={campaign.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
          {t.whatsappAds.openAd}
        </a>
      ) : null}
    </div>
  );
}
