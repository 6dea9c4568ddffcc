import { Badge } from "@vendaflow/ui/badge";
import { Megaphone } from "lucide-react";
import { whatsappAds as adsText } from "@/lib/i18n/pt-br/whatsapp-ads";
import { adKind, adName, type AdCampaign } from "./ad-campaign-facts";

const t = { whatsappAds: adsText };

/** A compact badge for the inbox's conversation header: "Anúncio: <headline>", the ad's link when Meta sent one. */
export function AdCampaignBadge({ campaign }: { campaign: AdCampaign }) {
  const title = [t.whatsappAds.adTitle, campaign.sourceId ? `${t.whatsappAds.adId}: ${campaign.sourceId}` : null].filter(Boolean).join(" · ");
  const label = (
    <>
      <Megaphone aria-hidden="true" />
      <span className="max-w-48 truncate">{adKind(campaign)}: {adName(campaign)}</span>
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
