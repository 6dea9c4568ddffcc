import { PrivacyPublicView } from "./privacy-public-view";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.privacyNotice };

/** Public per tenant ({slug}.ROOT/privacidade): notice, encarregado and the data subject request form. */
export default function PrivacyPublicPage() {
  return <PrivacyPublicView />;
}
