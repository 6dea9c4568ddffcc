import { PrivacyPublicView } from "./privacy-public-view";

export const metadata = { title: "Privacidade" };

/** Public per tenant ({slug}.ROOT/privacidade): notice, encarregado and the data subject request form. */
export default function PrivacyPublicPage() {
  return <PrivacyPublicView />;
}
